namespace MlNetAdversarial.Transforms.Scoring;

/// <summary>Options of the scoring transform. Every default is defined here and only here.</summary>
public sealed record ScoringOptions
{
    /// <summary>Default image column name.</summary>
    public const string DefaultImageColumnName = AdversarialColumns.Image;

    /// <summary>Default score column name (ML.NET's convention).</summary>
    public const string DefaultScoreColumnName = AdversarialColumns.Score;

    /// <summary>Default predicted-label column name (ML.NET's convention).</summary>
    public const string DefaultPredictedLabelColumnName = AdversarialColumns.PredictedLabel;

    /// <summary>Default number of rows scored in one torch call.</summary>
    public const int DefaultBatchSize = AttackTransform.AttackTransformOptions.DefaultBatchSize;

    /// <summary>Column of images to classify.</summary>
    public string ImageColumnName { get; init; } = DefaultImageColumnName;

    /// <summary>Column of class probabilities (Vector&lt;Single, classes&gt;).</summary>
    public string ScoreColumnName { get; init; } = DefaultScoreColumnName;

    /// <summary>Column of the most probable class (a key).</summary>
    public string PredictedLabelColumnName { get; init; } = DefaultPredictedLabelColumnName;

    /// <summary>Rows per torch call.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Throws for any option out of range, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ImageColumnName))
            throw new ArgumentException("Image column name must not be empty.", nameof(ImageColumnName));
        if (string.IsNullOrWhiteSpace(ScoreColumnName))
            throw new ArgumentException("Score column name must not be empty.", nameof(ScoreColumnName));
        if (string.IsNullOrWhiteSpace(PredictedLabelColumnName) || PredictedLabelColumnName == ScoreColumnName)
            throw new ArgumentException("Predicted-label column name must be non-empty and differ from the score column.",
                nameof(PredictedLabelColumnName));
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Batch size must be at least 1.");
    }
}
