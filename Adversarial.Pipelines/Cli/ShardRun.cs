using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Reports;
using TorchSharp;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary><c>sweep --shard i/n</c>: one contiguous block of the rows, written as a partial result for <c>merge</c>.</summary>
internal static class ShardRun
{
    public static int Run(IReadOnlyList<SweepTarget> targets, SweepSettings settings, AttackChoice attack, Shard shard, string? jsonPath,
        string? outputFolder, CancellationToken cancellation)
    {
        if (targets.Count != 1)
            throw new ArgumentException("--shard takes one dataset at a time.");
        if (jsonPath is null)
            throw new ArgumentException("--shard writes its partial result to --json PATH; give one.");
        if (outputFolder is not null)
            throw new ArgumentException("--out needs every row; write it after 'merge'.");
        var target = targets[0];
        var (ml, classifier, all) = target.Open(settings);
        using var owned = classifier;
        long total = Shard.TotalRows(all);
        var slice = shard.Slice(ml, all, total);
        var epsilons = settings.EpsilonText is null ? target.Model.Epsilons : EpsilonList.Parse(settings.EpsilonText);
        var request = new SweepRequest(target.Name, epsilons, settings.BatchFor(target.Model), settings.Seed);

        SweepOutcomes outcomes;
        SweepHeader header;
        if (attack.IsPlainFgsm)
        {
            outcomes = FgsmSweepRunner.Outcomes(ml, classifier, slice, request, cancellation: cancellation);
            header = FgsmSweepRunner.Header(classifier, request);
        }
        else
        {
            outcomes = AttackSweepRunner.Outcomes(ml, classifier, slice, request, attack.Create, attack.IsMinimal, cancellation: cancellation);
            // Checked on the whole dataset, so every shard carries the same warnings.
            var warnings = SanityChecks.Run(ml, classifier, all, attack.Create(0), attack.Create, attack.IsMinimal, outcomes, request.BatchSize);
            header = AttackSweepRunner.Header(classifier, request, attack.Create, warnings);
        }
        var partial = ShardMerger.ToPartial(outcomes, header, shard, total);
        AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(partial, ReportWriter.Json));
        Console.WriteLine($"Shard {shard.Index}/{shard.Count} of {target.Name}: rows {partial.FirstRow}..{partial.FirstRow + outcomes.Count - 1} of {total}; wrote {jsonPath}");
        return 0;
    }
}
