using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>
/// Adds, for every ε of the options, the classifier's scores and predicted label on the FGSM image at
/// that ε, computing the gradient once per image for all of them.
/// </summary>
public sealed class FgsmSweepTransformer : ImageBatchTransformer
{
    internal FgsmSweepTransformer(TorchImageClassifier classifier, FgsmSweepOptions options)
        : base(new FgsmSweepKernel(classifier, options)) => Options = options;

    /// <summary>The options this transformer applies.</summary>
    public FgsmSweepOptions Options { get; }
}
