namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>What a sweep result says about the run besides its numbers.</summary>
internal sealed record SweepHeader(string Dataset, string Model, string ModelSha256, int Seed, string Attack, int BatchSize,
    IReadOnlyList<string> ClassNames, IReadOnlyDictionary<string, string>? AttackParameters = null, IReadOnlyList<string>? Warnings = null, string Device = "cpu",
    string? InputAdapter = null)
{
    /// <summary>The model the attack was crafted on, for a transfer attack (the header's model only scores); else null.</summary>
    public string? CraftedOn { get; init; }

    /// <summary>Below this clean accuracy the result warns (<see cref="ChanceLevelCheck"/>).</summary>
    public double MinimumCleanAccuracy { get; init; } = ChanceLevelCheck.DefaultMinimumCleanAccuracy;

    /// <summary>How the sanity checks behind <see cref="Warnings"/> were obtained, and their cost.</summary>
    public SanityCheckRun? SanityChecks { get; init; }
}
