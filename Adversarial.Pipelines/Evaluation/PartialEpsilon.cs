namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>One ε's per-image outcomes in a shard.</summary>
/// <param name="Predicted">Predicted key per image.</param>
/// <param name="Scores">Class probabilities, image after image.</param>
/// <param name="LInf">Per-image L∞ norm, when measured.</param>
/// <param name="L2">Per-image L2 norm, when measured.</param>
/// <param name="L0">Per-image changed-value count, when measured.</param>
public sealed record PartialEpsilon(IReadOnlyList<uint> Predicted, IReadOnlyList<float> Scores, IReadOnlyList<double>? LInf,
    IReadOnlyList<double>? L2, IReadOnlyList<double>? L0);
