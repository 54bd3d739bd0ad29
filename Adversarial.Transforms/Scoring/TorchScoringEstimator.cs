using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.Scoring;

/// <summary>Estimator of <see cref="TorchScoringTransformer"/>; create it with <c>mlContext.Transforms.ScoreImages</c>.</summary>
public sealed class TorchScoringEstimator : ImageBatchEstimator<TorchScoringTransformer>
{
    /// <summary>Creates the estimator; options are validated here.</summary>
    public TorchScoringEstimator(TorchImageClassifier classifier, ScoringOptions options)
        : base(Create(classifier, options))
    {
    }

    private static TorchScoringTransformer Create(TorchImageClassifier classifier, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new TorchScoringTransformer(classifier, options);
    }
}
