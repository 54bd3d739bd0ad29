using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.Scoring;

/// <summary>
/// Adds <c>Score</c> (class probabilities, with SlotNames) and <c>PredictedLabel</c> (a key with
/// KeyValues) from a TorchSharp classifier, so ML.NET's multiclass evaluator works on the output.
/// </summary>
public sealed class TorchScoringTransformer : ImageBatchTransformer
{
    internal TorchScoringTransformer(TorchImageClassifier classifier, ScoringOptions options)
        : base(new ScoringKernel(classifier, options)) => Options = options;

    /// <summary>The options this transformer applies.</summary>
    public ScoringOptions Options { get; }
}
