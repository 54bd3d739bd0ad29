namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Whether a sweep runs its sanity checks (<see cref="SanityChecks"/>: the model checks, PGD-40 at an unbounded budget, a
/// black-box attack against PGD-40) and where their outcome is cached.
/// </summary>
public sealed record SanityCheckOptions
{
    /// <summary>Run the checks (the default), or skip them and warn in the result that they were skipped.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// A folder for outcomes keyed by the model's weights, the attack's settings, the budgets and the checked images, so the
    /// same evaluation run again (another shard, another report) reads them instead of attacking again; null runs them every time.
    /// </summary>
    public string? CacheFolder { get; init; }

    /// <summary>Run every time, no cache.</summary>
    public static SanityCheckOptions Default { get; } = new();
}
