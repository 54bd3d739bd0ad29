using MlNetAdversarial.Transforms.Fgsm;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>Column options of the generic attack transform. Every default is defined here or in <see cref="FgsmOptions"/>.</summary>
public sealed record AttackTransformOptions
{
    /// <summary>Column the adversarial images are written to.</summary>
    public required string OutputColumnName { get; init; }

    /// <summary>Column of clean images; null means <see cref="OutputColumnName"/> (replace in place).</summary>
    public string? ImageColumnName { get; init; }

    /// <summary>Column of true labels.</summary>
    public string LabelColumnName { get; init; } = FgsmOptions.DefaultLabelColumnName;

    /// <summary>Rows per torch call.</summary>
    public int BatchSize { get; init; } = FgsmOptions.DefaultBatchSize;

    /// <summary>The image column actually read.</summary>
    public string SourceColumnName => ImageColumnName ?? OutputColumnName;

    /// <summary>Throws for any option out of range, naming it.</summary>
    public void Validate() =>
        new FgsmOptions
        {
            OutputColumnName = OutputColumnName, ImageColumnName = ImageColumnName, LabelColumnName = LabelColumnName, BatchSize = BatchSize,
        }.Validate();
}
