using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Fgsm;

/// <summary>One FGSM step for a whole batch.</summary>
internal sealed class FgsmKernel : ImageBatchKernel
{
    private readonly FgsmOptions _options;
    private readonly ImageShape _shape;

    public FgsmKernel(TorchImageClassifier classifier, FgsmOptions options)
        : base(classifier, options.SourceColumnName, options.LabelColumnName, options.BatchSize)
    {
        _options = options;
        _shape = classifier.InputShape;
        Outputs = [OutputColumn.FloatVector(options.OutputColumnName, _shape.Dimensions)];
    }

    public override IReadOnlyList<OutputColumn> Outputs { get; }

    public override void Compute(ImageBatch batch)
    {
        using var scope = NewDisposeScope();
        var images = TensorCopy.FromFloats(batch.Images, _shape.BatchShape(batch.Count));
        var labels = TensorCopy.FromLongs(batch.Labels);
        var adversarial = Attacks.FgsmAttack.Attack(Classifier, images, labels, _options.Epsilon, _options.ClipMin, _options.ClipMax);
        TensorCopy.ToFloats(adversarial, batch.Floats(0));
    }
}
