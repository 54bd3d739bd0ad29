using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>
/// Per batch: one forward and backward pass for the gradient sign (it does not depend on ε) that also
/// scores ε = 0, then one inference-mode forward pass per other ε.
/// </summary>
internal sealed class FgsmSweepKernel : ImageBatchKernel
{
    private readonly FgsmSweepOptions _options;
    private readonly ImageShape _shape;

    public FgsmSweepKernel(TorchImageClassifier classifier, FgsmSweepOptions options)
        : base(classifier, options.ImageColumnName, options.LabelColumnName, options.BatchSize)
    {
        _options = options;
        _shape = classifier.InputShape;
        var slotNames = ClassAnnotations.SlotNames(classifier.ClassNames);
        var keyValues = ClassAnnotations.KeyValues(classifier.ClassNames);
        Outputs = Enumerable.Range(0, options.Epsilons.Count).SelectMany(i => new[]
        {
            OutputColumn.FloatVector(options.ScoreColumnName(i), [classifier.ClassCount], slotNames),
            OutputColumn.Key(options.PredictedLabelColumnName(i), classifier.ClassCount, keyValues),
        }).ToArray();
    }

    public override IReadOnlyList<OutputColumn> Outputs { get; }

    public override void Compute(ImageBatch batch)
    {
        using var scope = NewDisposeScope();
        var images = TensorCopy.FromFloats(batch.Images, _shape.BatchShape(batch.Count));
        var labels = TensorCopy.FromLongs(batch.Labels);
        var (sign, clean) = Attacks.FgsmAttack.GradientSignAndLogProbabilities(Classifier, images, labels);
        using var inference = inference_mode();
        bool cleanNeedsNoClip = _options.Epsilons.Contains(0)
            && images.min().item<float>() >= _options.ClipMin && images.max().item<float>() <= _options.ClipMax;
        for (int e = 0; e < _options.Epsilons.Count; e++)
        {
            using var perEpsilon = NewDisposeScope();
            // clamp(x + 0·sign) is x when x is in range: the gradient pass already scored it.
            var logProbabilities = _options.Epsilons[e] == 0 && cleanNeedsNoClip
                ? clean
                : Classifier.LogProbabilities(Attacks.FgsmAttack.Perturb(images, sign, _options.Epsilons[e], _options.ClipMin, _options.ClipMax));
            TensorCopy.ToFloats(logProbabilities.exp(), batch.Floats(2 * e));
            TensorCopy.ToKeys(logProbabilities.argmax(1), batch.Keys(2 * e + 1));
        }
    }
}
