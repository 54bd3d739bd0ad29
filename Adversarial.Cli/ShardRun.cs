using MlNetAdversarial.Pipelines.Storage;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Cli;

/// <summary><c>sweep --shard i/n</c>: one contiguous block of the rows, written as a partial result for <c>merge</c>.</summary>
internal static class ShardRun
{
    public static int Run(IReadOnlyList<SweepTarget> targets, SweepSettings settings, IAttack attack, Shard shard, string? jsonPath,
        string? outputFolder, CancellationToken cancellation)
    {
        if (targets.Count != 1)
            throw new ArgumentException("--shard takes one dataset at a time.");
        if (jsonPath is null)
            throw new ArgumentException("--shard writes its partial result to --json PATH; give one.");
        if (outputFolder is not null)
            throw new ArgumentException("--out needs every row; write it after 'merge'.");
        var target = targets[0];
        var (ml, classifier, all) = target.Open(settings, attack);
        using var owned = classifier;
        var request = new SweepRequest(target.Name, target.Epsilons(settings), settings.BatchFor(target.Architecture), settings.Seed)
        {
            MinimumCleanAccuracy = settings.MinimumCleanAccuracy,
            SanityChecks = settings.SanityChecks,
        };
        var partial = ShardSweep.Run(ml, classifier, all, request, attack, shard, cancellation);
        AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(partial, JsonFiles.Options));
        Console.WriteLine($"Shard {shard.Index}/{shard.Count} of {target.Name}: rows {partial.FirstRow}..{partial.FirstRow + partial.Labels.Count - 1} of {partial.TotalRows}; wrote {jsonPath}");
        return 0;
    }
}
