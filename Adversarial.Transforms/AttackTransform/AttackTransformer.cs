using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>
/// Replaces (or adds) an image column with its adversarial version under any <see cref="IAttack"/>,
/// one batched torch computation per batch of rows, computed lazily as a cursor pulls rows.
/// </summary>
public sealed class AttackTransformer : ImageBatchTransformer
{
    internal AttackTransformer(TorchImageClassifier classifier, IAttack attack, AttackTransformOptions options)
        : base(new AttackKernel(classifier, attack, options)) => (Attack, Options) = (attack, options);

    /// <summary>The attack this transformer runs.</summary>
    public IAttack Attack { get; }

    /// <summary>The column options.</summary>
    public AttackTransformOptions Options { get; }

    /// <summary>Queries spent by a score-based attack so far, and images attacked.</summary>
    public (long Queries, long Images) QueryCount => ((AttackKernel)Kernel).QueryCount;
}
