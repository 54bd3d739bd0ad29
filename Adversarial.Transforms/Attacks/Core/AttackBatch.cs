using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>One batch an attack works on.</summary>
/// <param name="Classifier">The attacked model (black-box attacks reach it only through a score oracle).</param>
/// <param name="Images">Images [N, C, H, W] in [0, 1].</param>
/// <param name="Labels">True class indices [N] (int64).</param>
/// <param name="Targets">Target class indices [N] for targeted attacks, else null.</param>
/// <param name="RowIndices">Each image's row in the dataset: the source of its random choices.</param>
public sealed record AttackBatch(TorchImageClassifier Classifier, Tensor Images, Tensor Labels, Tensor? Targets, long[] RowIndices)
{
    /// <summary>Receives a staged attack's stage reports for this batch (called on the batch's worker thread), or null.</summary>
    public IProgress<AttackStageReport>? StageProgress { get; init; }
}
