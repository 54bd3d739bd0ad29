using System.CommandLine;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Cli;

namespace MlNetAdversarial.Tests;

public sealed class SweepCommandTests
{
    private static int Invoke(params string[] args) => new RootCommand { SweepCommand.Create() }.Parse(args).Invoke();

    [Fact]
    public void CombinedSweepWritesOneSectionPerDatasetWithItsOwnEpsilons()
    {
        using var folder = new TempFolder();
        string json = folder.File("sweep.json");
        Assert.Equal(0, Invoke("sweep", "--dataset", "mnist,cifar10", "--limit", "64", "--json", json));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var datasets = document.RootElement.GetProperty("datasets");
        Assert.Equal(2, datasets.GetArrayLength());
        Assert.Equal("mnist", datasets[0].GetProperty("dataset").GetString());
        Assert.Equal("cifar10", datasets[1].GetProperty("dataset").GetString());
        Assert.Equal(7, datasets[0].GetProperty("epsilons").GetArrayLength());
        Assert.Equal(6, datasets[1].GetProperty("epsilons").GetArrayLength());
        Assert.Equal(8 / 255.0, datasets[1].GetProperty("epsilons")[4].GetProperty("epsilon").GetDouble(), 12);
        Assert.All(datasets.EnumerateArray(), d => Assert.Equal(64, d.GetProperty("epsilons")[0].GetProperty("total").GetInt32()));
    }

    [Fact]
    public void SingleDatasetJsonIsTheSweepItself()
    {
        using var folder = new TempFolder();
        string json = folder.File("sweep.json");
        Assert.Equal(0, Invoke("sweep", "--dataset", "mnist", "--limit", "32", "--epsilons", "0.1", "--json", json));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("mnist", document.RootElement.GetProperty("dataset").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("epsilons").GetArrayLength());
    }

    [Theory]
    [InlineData("--dataset", "svhn")]
    [InlineData("--epsilons", "0.1,-2")]
    [InlineData("--limit", "0")]
    public void BadArgumentsFailWithExitCodeOneAndNoJson(string option, string value)
    {
        using var folder = new TempFolder();
        string json = folder.File("sweep.json");
        Assert.Equal(1, Invoke("sweep", option, value, "--json", json));
        Assert.False(File.Exists(json));
    }
}
