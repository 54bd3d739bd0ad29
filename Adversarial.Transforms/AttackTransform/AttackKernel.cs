using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>Runs any <see cref="IAttack"/> on a batch, through <see cref="AttackRunner"/>.</summary>
internal sealed class AttackKernel : ImageBatchKernel
{
    private readonly IAttack _attack;
    private readonly long[] _imageShape;
    private long _queries;
    private long _attacked;

    public AttackKernel(TorchImageClassifier classifier, IAttack attack, AttackTransformOptions options)
        : base(classifier, options.SourceColumnName, options.LabelColumnName, options.BatchSize)
    {
        _attack = attack;
        var shape = classifier.InputShape;
        _imageShape = [0, shape.Channels, shape.Height, shape.Width];
        Outputs = [OutputColumn.FloatVector(options.OutputColumnName, shape.Dimensions)];
    }

    public override IReadOnlyList<OutputColumn> Outputs { get; }

    public override string? TargetColumn => _attack.Settings.Targeting.ColumnName;

    /// <summary>Score queries spent so far (black-box attacks) and images attacked.</summary>
    public (long Queries, long Images) QueryCount => (Interlocked.Read(ref _queries), Interlocked.Read(ref _attacked));

    public override void Compute(ImageBatch batch)
    {
        lock (Classifier.Gate)
        {
            using var scope = NewDisposeScope();
            _imageShape[0] = batch.Count;
            var images = TensorCopy.FromFloats(batch.ImagesInUse, _imageShape);
            var labels = TensorCopy.FromLongs(batch.Labels.AsSpan(0, batch.Count));
            var targets = TargetColumn is null ? null : TensorCopy.FromLongs(batch.Targets.AsSpan(0, batch.Count));
            var result = AttackRunner.Run(_attack, Classifier, images, labels, batch.RowIndices[..batch.Count], targets);
            TensorCopy.ToFloats(result.Adversarial, batch.Floats[0].AsSpan(0, batch.Count * batch.ImageSize));
            Interlocked.Add(ref _queries, result.Queries?.Sum() ?? 0);
            Interlocked.Add(ref _attacked, batch.Count);
        }
    }
}
