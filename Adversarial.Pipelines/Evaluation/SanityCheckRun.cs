namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>The sanity checks of one evaluation: their warnings, how they were obtained and what they cost.</summary>
/// <param name="Status">Run now, read from the cache, or skipped.</param>
/// <param name="Seconds">Wall time of the checks in this process (reading the cache, or 0 when skipped).</param>
/// <param name="RanSeconds">Wall time of the run that computed them (this one, or the cached one's).</param>
/// <param name="Warnings">What the checks found (when skipped: the warning that they were).</param>
/// <param name="Key">The cache key (SHA-256 of the model, settings and images), or empty when the model has no weights hash.</param>
public sealed record SanityCheckRun(SanityCheckStatus Status, double Seconds, double RanSeconds, IReadOnlyList<string> Warnings, string Key)
{
    /// <summary>The warning a skipped run carries.</summary>
    public const string SkippedWarning =
        "the sanity checks were skipped: masked gradients (PGD-40 at an unbounded budget), a black-box attack beating PGD-40 and "
        + "AutoAttack's model checks were not looked for, so a robust-looking result here may be an artefact of the model.";

    /// <summary>One line for consoles and reports: "ran in 12.3 s", "from the cache (ran in 12.3 s)", "skipped".</summary>
    public string Describe() => Status switch
    {
        SanityCheckStatus.Ran => FormattableString.Invariant($"ran in {RanSeconds:0.0} s"),
        SanityCheckStatus.Cached => FormattableString.Invariant($"read from the cache in {Seconds:0.00} s (they ran in {RanSeconds:0.0} s, key {Key[..12]})"),
        _ => "skipped",
    };
}
