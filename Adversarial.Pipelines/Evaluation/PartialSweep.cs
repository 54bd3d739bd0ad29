namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// One shard's part of a sweep, as <c>sweep --shard i/n --json</c> writes it: the run's description and
/// every image's outcome (label, prediction, scores, norms), so <c>merge</c> can rebuild the full result.
/// </summary>
/// <param name="Kind">Always "partial-sweep".</param>
/// <param name="Dataset">Dataset name.</param>
/// <param name="Model">Model name.</param>
/// <param name="ModelSha256">Weights SHA-256.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Attack">Attack name.</param>
/// <param name="BatchSize">Rows per torch call.</param>
/// <param name="AttackParameters">Attack parameters.</param>
/// <param name="Warnings">Sanity-check warnings (computed on the whole dataset, the same in every shard).</param>
/// <param name="ShardIndex">This shard, from 0.</param>
/// <param name="ShardCount">Number of shards.</param>
/// <param name="FirstRow">First row of the dataset in this shard.</param>
/// <param name="TotalRows">Rows in the whole dataset.</param>
/// <param name="ClassNames">Class names.</param>
/// <param name="Epsilons">ε per outcome column (null: minimal-perturbation attack).</param>
/// <param name="Labels">Label key per image.</param>
/// <param name="PerEpsilon">Outcomes per ε.</param>
public sealed record PartialSweep(
    string Kind,
    string Dataset,
    string Model,
    string ModelSha256,
    int Seed,
    string Attack,
    int BatchSize,
    IReadOnlyDictionary<string, string>? AttackParameters,
    IReadOnlyList<string>? Warnings,
    int ShardIndex,
    int ShardCount,
    long FirstRow,
    long TotalRows,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<double?> Epsilons,
    IReadOnlyList<uint> Labels,
    IReadOnlyList<PartialEpsilon> PerEpsilon)
{
    /// <summary>The value of <see cref="Kind"/>.</summary>
    public const string KindName = "partial-sweep";

    /// <summary>The merged result's threshold of <see cref="ChanceLevelCheck"/> (files written before it was recorded: the default).</summary>
    public double MinimumCleanAccuracy { get; init; } = ChanceLevelCheck.DefaultMinimumCleanAccuracy;

    /// <summary>How this shard's sanity checks were obtained, and their cost.</summary>
    public SanityCheckRun? SanityChecks { get; init; }
}
