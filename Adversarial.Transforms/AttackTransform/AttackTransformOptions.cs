namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>Column options of the attack transform. Every default is defined here and only here.</summary>
public sealed record AttackTransformOptions
{
    /// <summary>Default number of rows attacked in one torch call.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>Column the adversarial images are written to.</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of clean images; null means <see cref="OutputColumnName"/> (replace in place).</summary>
    public string? ImageColumnName { get; init; }

    /// <summary>Column of true labels.</summary>
    public string LabelColumnName { get; init; } = AdversarialColumns.Label;

    /// <summary>Rows per torch call.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Receives a staged attack's reports (AutoAttack's stages) from the worker threads as they happen; null for none.</summary>
    public IProgress<Attacks.AttackStageReport>? StageProgress { get; init; }

    /// <summary>The image column actually read.</summary>
    public string SourceColumnName => ImageColumnName ?? OutputColumnName;

    /// <summary>Throws for any option out of range, naming it.</summary>
    public void Validate()
    {
        RequireName(OutputColumnName, nameof(OutputColumnName));
        if (ImageColumnName is not null)
            RequireName(ImageColumnName, nameof(ImageColumnName));
        RequireName(LabelColumnName, nameof(LabelColumnName));
        RequireBatchSize(BatchSize);
    }

    internal static void RequireName(string? name, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"{option} must name a column; got '{name}'.", option);
    }

    internal static void RequireBatchSize(int batchSize)
    {
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), batchSize, "Batch size must be at least 1.");
    }
}
