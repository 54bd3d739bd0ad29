using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Exposes only a classifier's scores, under inference mode, and counts queries.</summary>
public sealed class ClassifierScoreOracle(TorchImageClassifier classifier) : IScoreOracle
{
    private long _queries;

    /// <inheritdoc />
    public int ClassCount => classifier.ClassCount;

    /// <summary>Images scored so far.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <inheritdoc />
    public Tensor Scores(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        Interlocked.Add(ref _queries, images.shape[0]);
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        return classifier.LogProbabilities(images).clone().MoveToOuterDisposeScope();
    }
}
