using System.Text.Json;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>The model options through the real command line: any model file, and combinations that would be ignored refused.</summary>
public sealed class ModelOptionTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", name);

    [Fact]
    public void AnOnnxModelIsSweptLikeTheNativeOneWithTheSameCounts()
    {
        using var folder = new TempFolder();
        CliProcess.Run(null, "sweep", "--dataset", "mnist", "--limit", "300", "--epsilons", "0.1,0.2", "--json", folder.File("native.json"));
        CliProcess.Run(null, "sweep", "--dataset", "mnist", "--limit", "300", "--epsilons", "0.1,0.2", "--model", Fixture("lenet.onnx"), "--json", folder.File("onnx.json"));
        int[] Counts(string file) => JsonDocument.Parse(File.ReadAllText(folder.File(file))).RootElement.GetProperty("epsilons")
            .EnumerateArray().Select(e => e.GetProperty("correct").GetInt32()).ToArray();
        Assert.Equal(Counts("native.json"), Counts("onnx.json"));
    }

    public static TheoryData<string[], string> Refusals() => new()
    {
        { ["--dataset", "mnist", "--model", Fixture("lenet.onnx"), "--arch", "lenet"], "--arch" },
        { ["--dataset", "mnist", "--mean", "0.5", "--std", "0.2"], "without --model" },
        { ["--dataset", "mnist", "--model", TestData.ShippedModel, "--classes", "a,b"], "apply to ONNX models" },
        { ["--dataset", "mnist", "--model", Fixture("lenet.onnx"), "--classes", "a,b"], "2 class names" },
        { ["--dataset", "mnist", "--model", Fixture("lenet.onnx"), "--output", "probabilities"], "LogSoftmax" },
        { ["--dataset", "mnist", "--model", Fixture("lenet.onnx"), "--output", "scores"], "--output: 'scores'" },
        { ["--dataset", "mnist", "--model", Fixture("bn-dropout-gemm.onnx"), "--mean", "0.5"], "--mean and --std go together" },
        { ["--dataset", "mnist", "--model", Fixture("bn-dropout-gemm.onnx"), "--mean", "0.5", "--std", "0"], "--std" },
        { ["--dataset", "mnist", "--model", "/nonexistent/model.onnx"], "--model: the file /nonexistent/model.onnx does not exist" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void ACombinationThatWouldBeIgnoredOrCannotBeMeantIsOneClearError(string[] arguments, string expected)
    {
        string errors = CliProcess.Fail(["sweep", "--limit", "10", .. arguments]);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }
}
