using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>One FGSM step for a whole batch.</summary>
internal sealed class FgsmKernel : ImageBatchKernel
{
    private readonly FgsmOptions _options;
    private readonly long[] _imageShape;

    public FgsmKernel(TorchImageClassifier classifier, FgsmOptions options)
        : base(classifier, options.SourceColumnName, options.LabelColumnName, options.BatchSize)
    {
        _options = options;
        var shape = classifier.InputShape;
        _imageShape = [0, shape.Channels, shape.Height, shape.Width];
        Outputs = [OutputColumn.FloatVector(options.OutputColumnName, shape.Dimensions)];
    }

    public override IReadOnlyList<OutputColumn> Outputs { get; }

    public override void Compute(ImageBatch batch)
    {
        lock (Classifier.Gate)
        {
            using var scope = NewDisposeScope();
            _imageShape[0] = batch.Count;
            var images = TensorCopy.FromFloats(batch.ImagesInUse, _imageShape);
            var labels = TensorCopy.FromLongs(batch.Labels.AsSpan(0, batch.Count));
            var adversarial = Attacks.FgsmAttack.Attack(Classifier, images, labels, _options.Epsilon, _options.ClipMin, _options.ClipMax);
            TensorCopy.ToFloats(adversarial, batch.Floats[0].AsSpan(0, batch.Count * batch.ImageSize));
        }
    }
}
