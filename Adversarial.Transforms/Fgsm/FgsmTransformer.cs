using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>
/// Replaces (or adds) an image column with its FGSM adversarial version:
/// x' = clamp(x + ε·sign(∇ₓ loss), min, max), one batched torch computation per batch of rows.
/// </summary>
public sealed class FgsmTransformer : ImageBatchTransformer
{
    internal FgsmTransformer(TorchImageClassifier classifier, FgsmOptions options)
        : base(new FgsmKernel(classifier, options)) => Options = options;

    /// <summary>The options this transformer applies.</summary>
    public FgsmOptions Options { get; }
}
