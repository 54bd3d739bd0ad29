namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>Model A against model B under one attack on the same images, one row per ε (0 first).</summary>
/// <param name="Dataset">Dataset name.</param>
/// <param name="ModelA">Model A's name.</param>
/// <param name="ModelASha256">SHA-256 of A's file.</param>
/// <param name="ModelB">Model B's name.</param>
/// <param name="ModelBSha256">SHA-256 of B's file.</param>
/// <param name="Attack">Attack name (run white-box on each model).</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Rows">One row per ε.</param>
public sealed record ModelComparison(string Dataset, string ModelA, string ModelASha256, string ModelB, string ModelBSha256, string Attack, int Seed,
    IReadOnlyList<ComparisonRow> Rows);
