using Microsoft.ML;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// A sweep split across machines: each shard attacks its contiguous block of rows and keeps every
/// image's outcome; <see cref="Merge"/> turns the parts into exactly the result of one run.
/// </summary>
public static class ShardSweep
{
    /// <summary>Sweeps the rows of <paramref name="shard"/> of <paramref name="all"/>.</summary>
    public static PartialSweep Run(MLContext ml, TorchImageClassifier classifier, IDataView all, SweepRequest request, IAttack attack, Shard shard,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        long total = Shard.TotalRows(all);
        var slice = shard.Slice(ml, all, total);
        // Fitted first: the columns are checked before the sanity checks read any image.
        var sweep = AttackSweepRunner.Fitted(ml, classifier, all, request, attack, null);
        // Checked on the whole dataset, so every shard carries the same warnings.
        var checks = SanityChecks.Run(ml, classifier, all, attack, AttackSweepRunner.Budgets(request, attack), request.BatchSize, request.SanityChecks);
        using var outcomes = AttackSweepRunner.Outcomes(sweep, classifier, slice, attack, cancellation: cancellation);
        return ShardMerger.ToPartial(outcomes, AttackSweepRunner.Header(classifier, request, attack, checks), shard, total);
    }

    /// <summary>The result one run over all the rows would have given.</summary>
    /// <exception cref="InvalidDataException">The parts are not the complete, consistent shards of one sweep.</exception>
    public static SweepResult Merge(MLContext ml, IReadOnlyList<PartialSweep> parts) => ShardMerger.Merge(ml, parts);
}
