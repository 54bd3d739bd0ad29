using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// What a score-based black-box attack may see of a model: output scores for a batch of images, and
/// nothing else (no gradients, no weights). Every image scored counts as one query.
/// </summary>
public interface IScoreOracle
{
    /// <summary>Number of classes scored.</summary>
    int ClassCount { get; }

    /// <summary>Log-probabilities [N, classes] of images [N, C, H, W] in [0, 1], computed without gradients.</summary>
    Tensor Scores(Tensor images);
}
