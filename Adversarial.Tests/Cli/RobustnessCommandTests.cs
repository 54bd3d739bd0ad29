using System.CommandLine;
using System.Text.Json;
using MlNetAdversarial.Cli;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Cli;

/// <summary><c>sweep --checks</c> and <c>compare</c> of a standard and an adversarially trained network, through the commands.</summary>
public sealed class RobustnessCommandTests
{
    private static int Invoke(params string[] args) => new RootCommand { SweepCommand.Create(), CompareCommand.Create() }.Parse(args).Invoke();

    [Fact]
    public void SweepWithChecksReportsFourVerdicts()
    {
        using var folder = new TempFolder();
        string json = folder.File("sweep.json");
        Assert.Equal(0, Invoke("sweep", "--dataset", "mnist", "--limit", "40", "--epsilons", "0.1", "--attack", "pgd", "--steps", "5", "--checks",
            "--json", json));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var checks = document.RootElement.GetProperty("checks").EnumerateArray().ToArray();
        Assert.Equal(4, checks.Length);
        Assert.All(checks, c => Assert.Contains(c.GetProperty("verdict").GetString(), new[] { "Pass", "Warn", "NotApplicable" }));
        // LeNet is the dataset's standard model: there is nothing to transfer from.
        Assert.Equal("NotApplicable", checks[3].GetProperty("verdict").GetString());
    }

    [Fact]
    public void CompareTakesOneArchitecturePerModel()
    {
        using var folder = new TempFolder();
        string robust = folder.File("robust.bin"), json = folder.File("compare.json");
        ShippedModels.Extract(SmallCnn.RobustMnistWeights, robust);
        Assert.Equal(0, Invoke("compare", "--model", TestData.ShippedModel, "--model", robust, "--arch", "lenet", "--arch", "small-cnn",
            "--limit", "100", "--epsilons", "0.2", "--attack", "pgd", "--steps", "10", "--json", json));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var row = document.RootElement.GetProperty("rows")[1];
        // The standard LeNet falls to PGD at ε 0.2; the adversarially trained network does not.
        Assert.True(row.GetProperty("correctB").GetInt32() > row.GetProperty("correctA").GetInt32() + 50);
        Assert.True(row.GetProperty("mcNemarTwoSidedP").GetDouble() < 1e-10);
    }
}
