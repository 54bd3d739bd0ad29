using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.BlackBox;

/// <summary>Options of <see cref="MlNetScoreOracle"/>: which columns the model reads and writes, and what its scores are.</summary>
public sealed record MlNetOracleOptions
{
    /// <summary>The input column the model reads the images from (vector of floats in [0, 1], channels first).</summary>
    public string ImageColumnName { get; init; } = AdversarialColumns.Image;

    /// <summary>The output column holding one score per class.</summary>
    public string ScoreColumnName { get; init; } = "Score";

    /// <summary>What the scores are: ML.NET's multiclass trainers give probabilities.</summary>
    public ClassifierOutput ScoreKind { get; init; } = ClassifierOutput.Probabilities;

    /// <summary>The number of classes the scores must cover, or null to take the Score column's length.</summary>
    public int? ClassCount { get; init; }
}
