using System.CommandLine;
using System.Text.Json;
using MlNetAdversarial.Cli;

namespace MlNetAdversarial.Tests.Cli;

public sealed class AttackShardTests
{
    private static int Attack(params string[] args) => new RootCommand { AttackCommand.Create() }.Parse(["attack", .. args]).Invoke();

    [Fact]
    public void AttackShardsMergedGiveExactlyTheNumbersOfOneAttackRun()
    {
        using var folder = new TempFolder();
        string[] common = ["--dataset", "mnist", "--limit", "90", "--epsilon", "0.1"];
        Assert.Equal(0, Attack([.. common, "--out", folder.File("whole"), "--json", folder.File("whole.json")]));
        var parts = Enumerable.Range(0, 3).Select(i => folder.File($"part{i}.json")).ToArray();
        for (int i = 2; i >= 0; i--)
            Assert.Equal(0, Attack([.. common, "--shard", $"{i}/3", "--out", folder.File($"part{i}"), "--json", parts[i]]));
        Assert.Equal(0, new RootCommand { MergeCommand.Create() }.Parse(["merge", .. parts, "--json", folder.File("merged.json")]).Invoke());

        using var whole = JsonDocument.Parse(File.ReadAllText(folder.File("whole.json")));
        using var merged = JsonDocument.Parse(File.ReadAllText(folder.File("merged.json")));
        Assert.Equal(whole.RootElement.GetProperty("epsilons").GetRawText(), merged.RootElement.GetProperty("epsilons").GetRawText());
        foreach (string field in new[] { "dataset", "modelSha256", "attack", "seed", "attackParameters" })
            Assert.Equal(whole.RootElement.GetProperty(field).GetRawText(), merged.RootElement.GetProperty(field).GetRawText());
        for (int i = 0; i < 3; i++)
        {
            // Each shard's folder holds its own 30 attacked images, and its manifest says which rows they are.
            Assert.Equal(30, Directory.EnumerateFiles(Path.Combine(folder.File($"part{i}"), "png"), "*.png", SearchOption.AllDirectories).Count());
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.File($"part{i}"), "manifest.json")));
            Assert.Contains($"shard {i}/3", manifest.RootElement.GetProperty("split").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AShardWithoutJsonIsRefusedBeforeAnyWork()
    {
        using var folder = new TempFolder();
        Assert.Equal(1, Attack("--dataset", "mnist", "--limit", "10", "--shard", "0/2", "--out", folder.File("part0")));
        Assert.False(Directory.Exists(folder.File("part0")));
    }
}
