using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Storage;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class SanityCheckCacheTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private SweepResult Sweep(SanityCheckOptions checks, double epsilon = 0.1, TorchImageClassifier? classifier = null, Microsoft.ML.IDataView? data = null) =>
        AttackSweepRunner.Run(fixture.Ml, classifier ?? fixture.Classifier, data ?? fixture.Data,
            new SweepRequest("mnist", [epsilon]) { SanityChecks = checks }, new PgdAttack(new PgdAttackOptions { Steps = 5 }));

    private static string[] Entries(TempFolder folder) => Directory.GetFiles(folder.Path, "sanity-checks-*.json");

    [Fact]
    public void SkippedChecksLeaveAWarningSayingSoAndRunNothing()
    {
        using var folder = new TempFolder();
        var result = Sweep(new SanityCheckOptions { Enabled = false, CacheFolder = folder.Path });
        Assert.Equal(SanityCheckStatus.Skipped, result.SanityChecks!.Status);
        Assert.Contains(SanityCheckRun.SkippedWarning, result.Warnings!);
        Assert.Equal(0, result.SanityChecks.Seconds);
        Assert.Empty(Entries(folder));
    }

    [Fact]
    public void ASecondRunOfTheSameModelSettingsAndImagesReadsTheCacheInsteadOfAttacking()
    {
        using var folder = new TempFolder();
        var first = Sweep(new SanityCheckOptions { CacheFolder = folder.Path });
        Assert.Equal(SanityCheckStatus.Ran, first.SanityChecks!.Status);
        Assert.True(first.SanityChecks.Seconds > 0);
        string entry = Assert.Single(Entries(folder));
        Assert.Contains(first.SanityChecks.Key, entry);

        // A warning only the file holds: the second run can only report it by reading the entry.
        var stored = JsonNode.Parse(File.ReadAllText(entry))!;
        stored["warnings"] = new JsonArray("planted in the cache");
        File.WriteAllText(entry, stored.ToJsonString());
        var second = Sweep(new SanityCheckOptions { CacheFolder = folder.Path });
        Assert.Equal(SanityCheckStatus.Cached, second.SanityChecks!.Status);
        Assert.Equal(first.SanityChecks.Key, second.SanityChecks.Key);
        Assert.Equal(first.SanityChecks.RanSeconds, second.SanityChecks.RanSeconds);
        Assert.Contains("planted in the cache", second.Warnings!);
        Assert.Equal(first.Epsilons.Select(e => e.Correct), second.Epsilons.Select(e => e.Correct));
    }

    [Fact]
    public void AnotherBudgetOrOtherImagesMissTheCache()
    {
        using var folder = new TempFolder();
        var options = new SanityCheckOptions { CacheFolder = folder.Path };
        var keys = new[]
        {
            Sweep(options).SanityChecks!,
            Sweep(options, epsilon: 0.2).SanityChecks!,
            Sweep(options, data: fixture.Ml.Data.SkipRows(fixture.Data, 1)).SanityChecks!,
        };
        Assert.All(keys, k => Assert.Equal(SanityCheckStatus.Ran, k.Status));
        Assert.Equal(3, keys.Select(k => k.Key).Distinct().Count());
        Assert.Equal(3, Entries(folder).Length);
    }

    [Fact]
    public void ADamagedEntryIsAMissThatRunsTheChecksAgainAndRewritesIt()
    {
        using var folder = new TempFolder();
        var options = new SanityCheckOptions { CacheFolder = folder.Path };
        var first = Sweep(options).SanityChecks!;
        string entry = Assert.Single(Entries(folder));
        File.WriteAllText(entry, "{ not json");
        var again = Sweep(options).SanityChecks!;
        Assert.Equal(SanityCheckStatus.Ran, again.Status);
        Assert.Equal(first.Warnings, again.Warnings);
        var rewritten = JsonSerializer.Deserialize<JsonObject>(File.ReadAllText(entry), JsonFiles.Options)!;
        Assert.Equal(first.Key, (string?)rewritten["key"]);
    }

    [Fact]
    public void AModelWithoutAWeightsHashIsCheckedEveryTimeAndNeverCached()
    {
        using var folder = new TempFolder();
        var source = fixture.Classifier;
        // The same network, wrapped without a weights hash: nothing identifies it in a later run.
        var unnamed = new TorchImageClassifier(source.Network, source.InputShape, source.ClassNames, source.Output, "in-memory LeNet");
        var result = Sweep(new SanityCheckOptions { CacheFolder = folder.Path }, classifier: unnamed);
        Assert.Equal(SanityCheckStatus.Ran, result.SanityChecks!.Status);
        Assert.Equal("", result.SanityChecks.Key);
        Assert.Empty(Entries(folder));
    }
}
