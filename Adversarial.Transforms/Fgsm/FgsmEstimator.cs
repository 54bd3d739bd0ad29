using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>Estimator of <see cref="FgsmTransformer"/>; create it with <c>mlContext.Transforms.FgsmAttack</c>.</summary>
public sealed class FgsmEstimator : ImageBatchEstimator<FgsmTransformer>
{
    /// <summary>Creates the estimator; options are validated here.</summary>
    public FgsmEstimator(TorchImageClassifier classifier, FgsmOptions options)
        : base(Create(classifier, options))
    {
    }

    private static FgsmTransformer Create(TorchImageClassifier classifier, FgsmOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new FgsmTransformer(classifier, options);
    }
}
