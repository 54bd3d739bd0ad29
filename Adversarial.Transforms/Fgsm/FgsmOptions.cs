namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>Options of the FGSM transform. Every default is defined here and only here.</summary>
public sealed record FgsmOptions
{
    /// <summary>Default image column name.</summary>
    public const string DefaultImageColumnName = "Image";

    /// <summary>Default label column name.</summary>
    public const string DefaultLabelColumnName = "Label";

    /// <summary>Default number of rows attacked in one torch call.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>Default ε.</summary>
    public const double DefaultEpsilon = 0.1;

    /// <summary>Column the adversarial images are written to.</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of clean images; null means <see cref="OutputColumnName"/> (replace in place).</summary>
    public string? ImageColumnName { get; init; }

    /// <summary>Column of true labels (the attack ascends their loss).</summary>
    public string LabelColumnName { get; init; } = DefaultLabelColumnName;

    /// <summary>L∞ budget ε in pixel units (finite, ≥ 0).</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;

    /// <summary>Lowest valid pixel value.</summary>
    public double ClipMin { get; init; }

    /// <summary>Highest valid pixel value.</summary>
    public double ClipMax { get; init; } = 1;

    /// <summary>Rows per torch call.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The image column actually read.</summary>
    public string SourceColumnName => ImageColumnName ?? OutputColumnName;

    /// <summary>Throws for any option out of range, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputColumnName))
            throw new ArgumentException("Output column name must not be empty.", nameof(OutputColumnName));
        if (ImageColumnName is not null && string.IsNullOrWhiteSpace(ImageColumnName))
            throw new ArgumentException("Image column name must not be empty.", nameof(ImageColumnName));
        if (string.IsNullOrWhiteSpace(LabelColumnName))
            throw new ArgumentException("Label column name must not be empty.", nameof(LabelColumnName));
        Attacks.FgsmAttack.ValidateEpsilon(Epsilon);
        if (!double.IsFinite(ClipMin) || !double.IsFinite(ClipMax) || ClipMin >= ClipMax)
            throw new ArgumentOutOfRangeException(nameof(ClipMin), $"Clip range [{ClipMin}, {ClipMax}] must be finite with min < max.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Batch size must be at least 1.");
    }
}
