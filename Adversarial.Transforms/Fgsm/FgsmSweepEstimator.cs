using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>Estimator of <see cref="FgsmSweepTransformer"/>; create it with <c>mlContext.Transforms.FgsmSweep</c>.</summary>
public sealed class FgsmSweepEstimator : ImageBatchEstimator<FgsmSweepTransformer>
{
    /// <summary>Creates the estimator; options are validated here.</summary>
    public FgsmSweepEstimator(TorchImageClassifier classifier, FgsmSweepOptions options)
        : base(Create(classifier, options))
    {
    }

    private static FgsmSweepTransformer Create(TorchImageClassifier classifier, FgsmSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new FgsmSweepTransformer(classifier, options);
    }
}
