using System.CommandLine;
using System.Text.Json;
using MlNetAdversarial.Cli;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>One network on both datasets (the input adapter) and image folders for attack and evaluate, through the commands.</summary>
public sealed class OneNetworkTests
{
    private static int Invoke(Command command, params string[] args) => new RootCommand { command }.Parse(args).Invoke();

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    private static int[] Counts(JsonElement sweep) => sweep.GetProperty("epsilons").EnumerateArray().Select(e => e.GetProperty("correct").GetInt32()).ToArray();

    [Fact]
    public void OneArchitectureSweepsBothDatasetsWithTheirCurvesInOnePlot()
    {
        using var folder = new TempFolder();
        string report = folder.File("report");
        Assert.Equal(0, Invoke(SweepCommand.Create(), "sweep", "--dataset", "mnist,cifar10", "--arch", "cifar-resnet", "--limit", "100",
            "--epsilons", "0.02,0.1", "--out", report, "--json", folder.File("both.json")));
        Assert.Equal(0, Invoke(SweepCommand.Create(), "sweep", "--dataset", "mnist", "--arch", "cifar-resnet", "--limit", "100",
            "--epsilons", "0.02,0.1", "--json", folder.File("mnist.json")));

        var datasets = Json(folder.File("both.json")).GetProperty("datasets");
        Assert.Equal(["mnist", "cifar10"], datasets.EnumerateArray().Select(d => d.GetProperty("dataset").GetString()));
        Assert.Equal(["cifar-resnet trained on mnist", "CifarResNet (CIFAR-10)"], datasets.EnumerateArray().Select(d => d.GetProperty("model").GetString()));
        Assert.StartsWith("1x28x28 → 3x32x32", datasets[0].GetProperty("inputAdapter").GetString());
        Assert.Equal(JsonValueKind.Null, datasets[1].GetProperty("inputAdapter").ValueKind);
        // The same network and images give the same counts whether swept alone or beside another dataset.
        Assert.Equal(Counts(Json(folder.File("mnist.json"))), Counts(datasets[0]));
        Assert.True(Counts(datasets[0])[0] >= 97, $"cifar-resnet trained on MNIST: {Counts(datasets[0])[0]} / 100 clean");

        Assert.True(File.Exists(Path.Combine(report, "plots", "accuracy-vs-epsilon-by-dataset.png")));
        Assert.True(File.Exists(Path.Combine(report, "mnist", "report.md")));
        Assert.True(File.Exists(Path.Combine(report, "cifar10", "report.md")));
        string markdown = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.Contains("## mnist: cifar-resnet trained on mnist", markdown);
        Assert.Contains("## cifar10: CifarResNet (CIFAR-10)", markdown);
        Assert.Contains("(plots/accuracy-vs-epsilon-by-dataset.png)", markdown);
        Assert.Contains("**Input adapter**: 1x28x28 → 3x32x32", File.ReadAllText(Path.Combine(report, "mnist", "report.md")));
    }

    [Fact]
    public void AnArchitectureWithoutWeightsForTheDatasetIsRefusedNamingHowToTrainThem()
    {
        string errors = CliProcess.Fail("sweep", "--dataset", "cifar10", "--arch", "lenet", "--limit", "10");
        Assert.Contains("No weights for 'lenet' trained on cifar10 are shipped (shipped: mnist (lenet-mnist.bin))", errors);
        Assert.Contains("adversarial train --arch lenet --dataset cifar10", errors);
    }

    [Fact]
    public void AnImageFolderIsAttackedAndEvaluatedLikeABuiltInDataset()
    {
        using var folder = new TempFolder();
        string first = folder.File("first"), second = folder.File("second");
        Assert.Equal(0, Invoke(AttackCommand.Create(), "attack", "--dataset", "mnist", "--limit", "80", "--out", first));
        Assert.Equal(0, Invoke(EvaluateCommand.Create(), "evaluate", "--images", Path.Combine(first, "png"), "--json", folder.File("folder.json")));
        Assert.Equal(0, Invoke(AttackCommand.Create(), "attack", "--images", Path.Combine(first, "png"), "--epsilon", "0.2", "--out", second,
            "--json", folder.File("attack.json")));
        Assert.Equal(0, Invoke(EvaluateCommand.Create(), "evaluate", "--images", Path.Combine(second, "png"), "--json", folder.File("second.json")));

        var savedFirst = Json(Path.Combine(first, "report.json")).GetProperty("saved");
        var evaluated = Json(folder.File("folder.json"));
        // The PNG copy of the first attack, read as a folder, scores what the attack measured on its saved copy.
        Assert.Equal(savedFirst.GetProperty("correct").GetInt32(), evaluated.GetProperty("correct").GetInt32());
        var attack = Json(folder.File("attack.json"));
        Assert.Equal(evaluated.GetProperty("correct").GetInt32(), Counts(attack)[0]);
        Assert.True(Counts(attack)[1] < Counts(attack)[0]);
        Assert.Equal(Json(Path.Combine(second, "report.json")).GetProperty("saved").GetProperty("correct").GetInt32(),
            Json(folder.File("second.json")).GetProperty("correct").GetInt32());
        var manifest = Json(Path.Combine(second, "manifest.json"));
        Assert.Equal("png", manifest.GetProperty("dataset").GetString());
        Assert.Matches("^[0-9a-f]{32}$", manifest.GetProperty("sourceFiles")[0].GetProperty("md5").GetString());
        Assert.Equal(80, Directory.EnumerateFiles(Path.Combine(second, "png"), "*.png", SearchOption.AllDirectories).Count());
    }

    [Theory]
    [InlineData("compare", "--model", "/nonexistent.onnx")]
    [InlineData("evaluate", "--images", "/tmp", "--data-dir", "/tmp")]
    [InlineData("attack", "--dataset", "mnist,cifar10", "--out", "/tmp/never-written")]
    [InlineData("attack", "--dataset", "mnist", "--images", "/tmp", "--out", "/tmp/never-written")]
    public void ContradictoryDataOptionsAreOneClearError(params string[] arguments)
    {
        string errors = CliProcess.Fail(arguments);
        Assert.Matches("exclude each other|give one dataset|--model", errors);
        Assert.False(Directory.Exists("/tmp/never-written"));
    }
}
