using MlNetAdversarial.Transforms.Torch;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>The targeting choice of an attack, made when it is constructed (never mutable state).</summary>
public sealed record AttackTargeting
{
    private AttackTargeting(TargetingKind kind, int label = -1, string? column = null) => (Kind, Label, ColumnName) = (kind, label, column);

    /// <summary>Untargeted: any wrong class counts.</summary>
    public static AttackTargeting Untargeted { get; } = new(TargetingKind.Untargeted);

    /// <summary>A random class other than the true one, drawn per image from the attack seed.</summary>
    public static AttackTargeting RandomOther { get; } = new(TargetingKind.RandomOther);

    /// <summary>The least likely class of the clean image.</summary>
    public static AttackTargeting LeastLikely { get; } = new(TargetingKind.LeastLikely);

    /// <summary>Which choice this is.</summary>
    public TargetingKind Kind { get; }

    /// <summary>The fixed target class index (for <see cref="TargetingKind.FixedLabel"/>).</summary>
    public int Label { get; }

    /// <summary>The target column (for <see cref="TargetingKind.Column"/>): a key of the same type as the label.</summary>
    public string? ColumnName { get; }

    /// <summary>Whether the attack aims at a class.</summary>
    public bool IsTargeted => Kind != TargetingKind.Untargeted;

    /// <summary>One fixed target class for every image.</summary>
    public static AttackTargeting Fixed(int label) =>
        label >= 0 ? new(TargetingKind.FixedLabel, label) : throw new ArgumentOutOfRangeException(nameof(label), label, "Target class must be >= 0.");

    /// <summary>Targets read from a key column of the data view.</summary>
    public static AttackTargeting FromColumn(string column) =>
        !string.IsNullOrWhiteSpace(column) ? new(TargetingKind.Column, column: column) : throw new ArgumentException("Name the target column.", nameof(column));

    /// <summary>The target class indices [N] for a batch, or null when untargeted.</summary>
    public Tensor? Resolve(TorchImageClassifier classifier, Tensor images, Tensor labels, Tensor? columnTargets, long[] rowIndices, int seed)
    {
        int classes = classifier.ClassCount;
        switch (Kind)
        {
            case TargetingKind.Untargeted:
                return null;
            case TargetingKind.FixedLabel:
                if (Label >= classes)
                    throw new ArgumentOutOfRangeException(nameof(Label), Label, $"Target class must be below the model's {classes} classes.");
                return full([labels.shape[0]], Scalars.OfInteger(Label), dtype: ScalarType.Int64, device: labels.device);
            case TargetingKind.Column:
                return columnTargets ?? throw new InvalidOperationException($"Target column '{ColumnName}' was not read.");
            case TargetingKind.RandomOther:
                var trueLabels = AttackMath.ToLongs(labels);
                var others = trueLabels.Select((label, i) => (label + 1 + PerImageRandom.For(seed, rowIndices[i], stream: 1).Next(classes - 1)) % classes);
                return tensor(others.ToArray(), device: labels.device);
            default:
                // no_grad, not inference_mode: the targets feed the attack's autograd graph.
                using (no_grad())
                    return classifier.LogProbabilities(images).argmin(1);
        }
    }
}
