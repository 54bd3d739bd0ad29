namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>
/// Options of the FGSM sweep transform, which scores every image at several ε in one pass. Every
/// default is defined here and only here.
/// </summary>
public sealed record FgsmSweepOptions
{
    /// <summary>Default prefix of the per-ε score columns.</summary>
    public const string DefaultScoreColumnPrefix = "Score";

    /// <summary>Default prefix of the per-ε predicted-label columns.</summary>
    public const string DefaultPredictedLabelColumnPrefix = "PredictedLabel";

    /// <summary>The ε values, each finite and ≥ 0.</summary>
    public required IReadOnlyList<double> Epsilons { get; init; }

    /// <summary>Column of clean images.</summary>
    public string ImageColumnName { get; init; } = FgsmOptions.DefaultImageColumnName;

    /// <summary>Column of true labels.</summary>
    public string LabelColumnName { get; init; } = FgsmOptions.DefaultLabelColumnName;

    /// <summary>Prefix of the score columns: the column for <c>Epsilons[i]</c> is prefix + "_" + i.</summary>
    public string ScoreColumnPrefix { get; init; } = DefaultScoreColumnPrefix;

    /// <summary>Prefix of the predicted-label columns: prefix + "_" + i.</summary>
    public string PredictedLabelColumnPrefix { get; init; } = DefaultPredictedLabelColumnPrefix;

    /// <summary>Lowest valid pixel value.</summary>
    public double ClipMin { get; init; }

    /// <summary>Highest valid pixel value.</summary>
    public double ClipMax { get; init; } = 1;

    /// <summary>Rows per torch call.</summary>
    public int BatchSize { get; init; } = FgsmOptions.DefaultBatchSize;

    /// <summary>Name of the score column for <c>Epsilons[index]</c>.</summary>
    public string ScoreColumnName(int index) => $"{ScoreColumnPrefix}_{index}";

    /// <summary>Name of the predicted-label column for <c>Epsilons[index]</c>.</summary>
    public string PredictedLabelColumnName(int index) => $"{PredictedLabelColumnPrefix}_{index}";

    /// <summary>Throws for any option out of range, naming it.</summary>
    public void Validate()
    {
        if (Epsilons is null || Epsilons.Count == 0)
            throw new ArgumentException("Give at least one epsilon.", nameof(Epsilons));
        foreach (double epsilon in Epsilons)
            Attacks.FgsmAttack.ValidateEpsilon(epsilon);
        // The per-ε work is delegated to FgsmOptions' checks so the two transforms accept the same values.
        new FgsmOptions
        {
            OutputColumnName = ScoreColumnPrefix,
            ImageColumnName = ImageColumnName,
            LabelColumnName = LabelColumnName,
            ClipMin = ClipMin,
            ClipMax = ClipMax,
            BatchSize = BatchSize,
        }.Validate();
        if (string.IsNullOrWhiteSpace(PredictedLabelColumnPrefix) || PredictedLabelColumnPrefix == ScoreColumnPrefix)
            throw new ArgumentException("Predicted-label prefix must be non-empty and differ from the score prefix.",
                nameof(PredictedLabelColumnPrefix));
    }
}
