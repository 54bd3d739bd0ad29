using System.CommandLine;
using System.Text.Json;
using MlNetAdversarial.Cli;

namespace MlNetAdversarial.Tests.Cli;

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

    [Fact]
    public void MinimalPerturbationSweepReportsNormsInsteadOfAnEpsilonCurve()
    {
        using var folder = new TempFolder();
        string json = folder.File("deepfool.json");
        Assert.Equal(0, Invoke("sweep", "--dataset", "mnist", "--limit", "32", "--attack", "deepfool", "--json", json, "--out", folder.File("report")));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var rows = document.RootElement.GetProperty("epsilons");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("epsilon").ValueKind);
        Assert.Equal(3, rows[1].GetProperty("norms").GetProperty("l2Quartiles").GetArrayLength());
        Assert.Equal("deepfool", document.RootElement.GetProperty("attack").GetString());
        Assert.True(File.Exists(Path.Combine(folder.File("report"), "report.md")));
        Assert.False(File.Exists(Path.Combine(folder.File("report"), "plots", "accuracy-vs-epsilon.png")));
    }

    [Fact]
    public void AttackCommandSavesATargetedPgdDatasetThatEvaluateReads()
    {
        using var folder = new TempFolder();
        string output = folder.File("adv");
        Assert.Equal(0, new RootCommand { AttackCommand.Create() }.Parse(
            ["attack", "--dataset", "mnist", "--limit", "64", "--attack", "pgd", "--epsilon", "0.3", "--steps", "10", "--target", "random", "--out", output]).Invoke());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        var attack = manifest.RootElement.GetProperty("attack");
        Assert.Equal("pgd", attack.GetProperty("name").GetString());
        Assert.Equal("RandomOther", attack.GetProperty("targeting").GetString());
        Assert.Equal("10", attack.GetProperty("parameters").GetProperty("steps").GetString());
        string json = folder.File("evaluate.json");
        Assert.Equal(0, new RootCommand { EvaluateCommand.Create() }.Parse(["evaluate", "--dataset", "mnist", "--data-dir", output, "--json", json]).Invoke());
        using var evaluation = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(64, evaluation.RootElement.GetProperty("total").GetInt32());
        Assert.True(evaluation.RootElement.GetProperty("accuracy").GetDouble() < 0.2);
    }

    [Theory]
    [InlineData("fgsm")]
    [InlineData("pgd")]
    public void ShardsMergedGiveExactlyTheNumbersOfOneRun(string attack)
    {
        using var folder = new TempFolder();
        string[] common = ["--dataset", "mnist", "--limit", "90", "--epsilons", "0.1,0.3", "--attack", attack, .. attack == "pgd" ? new[] { "--steps", "5" } : []];
        Assert.Equal(0, Invoke(["sweep", .. common, "--json", folder.File("whole.json")]));
        var parts = Enumerable.Range(0, 3).Select(i => folder.File($"part{i}.json")).ToArray();
        for (int i = 2; i >= 0; i--)
            Assert.Equal(0, Invoke(["sweep", .. common, "--shard", $"{i}/3", "--json", parts[i]]));
        Assert.Equal(0, new RootCommand { MergeCommand.Create() }.Parse(["merge", .. parts, "--json", folder.File("merged.json")]).Invoke());

        using var whole = JsonDocument.Parse(File.ReadAllText(folder.File("whole.json")));
        using var merged = JsonDocument.Parse(File.ReadAllText(folder.File("merged.json")));
        Assert.Equal(whole.RootElement.GetProperty("epsilons").GetRawText(), merged.RootElement.GetProperty("epsilons").GetRawText());
        foreach (string field in new[] { "dataset", "modelSha256", "attack", "seed" })
            Assert.Equal(whole.RootElement.GetProperty(field).GetRawText(), merged.RootElement.GetProperty(field).GetRawText());
    }

    [Fact]
    public void MergeRefusesAnIncompleteSetOfShards()
    {
        using var folder = new TempFolder();
        string part = folder.File("part0.json");
        Assert.Equal(0, Invoke("sweep", "--dataset", "mnist", "--limit", "20", "--epsilons", "0.1", "--shard", "0/2", "--json", part));
        Assert.Equal(1, new RootCommand { MergeCommand.Create() }.Parse(["merge", part, "--json", folder.File("merged.json")]).Invoke());
        Assert.False(File.Exists(folder.File("merged.json")));
    }
}
