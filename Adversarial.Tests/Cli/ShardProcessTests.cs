using System.Text.Json;
using MlNetAdversarial.Transforms.Torch;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>
/// Shards run the way a batch scheduler runs them: separate processes, here also with another torch
/// thread count than the single run; merged, they give the single process's numbers, JSON text equal.
/// </summary>
public sealed class ShardProcessTests
{
    [Fact]
    public void ShardProcessesMergeToTheSingleProcessNumbersWhateverTheThreadCount()
    {
        using var folder = new TempFolder();
        string[] sweep = ["sweep", "--dataset", "mnist", "--limit", "300", "--epsilons", "0.1,0.3", "--attack", "pgd", "--steps", "5"];
        CliProcess.Run(Threads(1), [.. sweep, "--json", folder.File("whole.json")]);
        var parts = Enumerable.Range(0, 3).Select(i => folder.File($"part{i}.json")).ToArray();
        for (int i = 0; i < parts.Length; i++)
            CliProcess.Run(Threads(2), [.. sweep, "--shard", $"{i}/3", "--json", parts[i]]);
        CliProcess.Run(Threads(2), ["merge", .. parts, "--json", folder.File("merged.json")]);

        using var whole = JsonDocument.Parse(File.ReadAllText(folder.File("whole.json")));
        using var merged = JsonDocument.Parse(File.ReadAllText(folder.File("merged.json")));
        Assert.Equal(1, whole.RootElement.GetProperty("parallelBatches").GetInt32());
        Assert.Equal(whole.RootElement.GetProperty("epsilons").GetRawText(), merged.RootElement.GetProperty("epsilons").GetRawText());
    }

    private static Dictionary<string, string> Threads(int count) => new() { [TorchRuntime.ParallelBatchesVariable] = $"{count}" };
}
