using MlNetAdversarial.Transforms.AttackTransform;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>What to sweep. ε = 0, the clean baseline every test compares against, is always added.</summary>
/// <param name="Dataset">Dataset name for the report.</param>
/// <param name="Epsilons">ε values to attack with.</param>
/// <param name="BatchSize">Rows per torch call.</param>
/// <param name="Seed">Seed recorded in the report.</param>
public sealed record SweepRequest(string Dataset, IReadOnlyList<double> Epsilons, int BatchSize = AttackTransformOptions.DefaultBatchSize, int Seed = 0)
{
    /// <summary>The ε values swept: ε = 0 first, then the others in the order given, without repeats.</summary>
    public IReadOnlyList<double> EffectiveEpsilons => new[] { 0.0 }.Concat(Epsilons).Distinct().ToArray();

    /// <summary>Below this clean accuracy the result warns that the model may not work on the data (<see cref="ChanceLevelCheck"/>); 0: never.</summary>
    public double MinimumCleanAccuracy { get; init; } = ChanceLevelCheck.DefaultMinimumCleanAccuracy;

    /// <summary>Whether the sanity checks run, and where their outcome is cached (default: run every time).</summary>
    public SanityCheckOptions SanityChecks { get; init; } = SanityCheckOptions.Default;
}
