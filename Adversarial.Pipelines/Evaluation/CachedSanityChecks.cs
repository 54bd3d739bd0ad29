namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>One cached sanity-check outcome, as stored by <see cref="SanityCheckCache"/>.</summary>
/// <param name="Key">The key it answers.</param>
/// <param name="Warnings">The warnings the checks gave.</param>
/// <param name="RanSeconds">How long the checks took when they ran.</param>
/// <param name="RanAt">When they ran (UTC).</param>
/// <param name="ToolVersion">The version that ran them.</param>
internal sealed record CachedSanityChecks(string Key, IReadOnlyList<string> Warnings, double RanSeconds, DateTimeOffset RanAt, string ToolVersion);
