using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>
/// Per batch: one forward and backward pass for the gradient sign (it does not depend on ε), then one
/// inference-mode forward pass per ε.
/// </summary>
internal sealed class FgsmSweepKernel : ImageBatchKernel
{
    private readonly FgsmSweepOptions _options;
    private readonly long[] _imageShape;
    private readonly long[] _predicted;

    public FgsmSweepKernel(TorchImageClassifier classifier, FgsmSweepOptions options)
        : base(classifier, options.ImageColumnName, options.LabelColumnName, options.BatchSize)
    {
        _options = options;
        var shape = classifier.InputShape;
        _imageShape = [0, shape.Channels, shape.Height, shape.Width];
        _predicted = new long[options.BatchSize];
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
        int classes = Classifier.ClassCount;
        lock (Classifier.Gate)
        {
            using var scope = NewDisposeScope();
            _imageShape[0] = batch.Count;
            var images = TensorCopy.FromFloats(batch.ImagesInUse, _imageShape);
            var labels = TensorCopy.FromLongs(batch.Labels.AsSpan(0, batch.Count));
            var sign = Attacks.FgsmAttack.GradientSign(Classifier, images, labels);
            using var inference = inference_mode();
            for (int e = 0; e < _options.Epsilons.Count; e++)
            {
                using var perEpsilon = NewDisposeScope();
                var adversarial = Attacks.FgsmAttack.Perturb(images, sign, _options.Epsilons[e], _options.ClipMin, _options.ClipMax);
                var logProbabilities = Classifier.LogProbabilities(adversarial);
                TensorCopy.ToFloats(logProbabilities.exp(), batch.Floats[2 * e].AsSpan(0, batch.Count * classes));
                TensorCopy.ToLongs(logProbabilities.argmax(1), _predicted.AsSpan(0, batch.Count));
                uint[] keys = batch.Keys[2 * e + 1];
                for (int i = 0; i < batch.Count; i++)
                    keys[i] = (uint)_predicted[i] + 1;
            }
        }
    }
}
