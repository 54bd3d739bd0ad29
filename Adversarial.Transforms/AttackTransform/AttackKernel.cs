using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>Runs any <see cref="IAttack"/> on a batch, through <see cref="AttackRunner"/>.</summary>
internal sealed class AttackKernel : ImageBatchKernel
{
    private readonly IAttack _attack;
    private readonly IProgress<AttackStageReport>? _stageProgress;
    private long _queries;
    private long _attacked;

    public AttackKernel(TorchImageClassifier classifier, IAttack attack, AttackTransformOptions options)
        : base(classifier, options.SourceColumnName, options.LabelColumnName, options.BatchSize)
    {
        _attack = attack;
        _stageProgress = options.StageProgress;
        Outputs = [OutputColumn.FloatVector(options.OutputColumnName, classifier.InputShape.Dimensions)];
    }

    public override IReadOnlyList<OutputColumn> Outputs { get; }

    public override string? TargetColumn => _attack.Settings.Targeting.ColumnName;

    /// <summary>Score queries spent so far (black-box attacks) and images attacked.</summary>
    public (long Queries, long Images) QueryCount => (Interlocked.Read(ref _queries), Interlocked.Read(ref _attacked));

    public override void Compute(ImageBatch batch)
    {
        using var scope = NewDisposeScope();
        var result = AttackRunner.Run(_attack, Classifier, ImagesOf(batch), LabelsOf(batch), batch.RowIndices.ToArray(), TargetsOf(batch), _stageProgress);
        TensorCopy.ToFloats(result.Adversarial, batch.Floats(0));
        Interlocked.Add(ref _queries, result.Queries?.Sum() ?? 0);
        Interlocked.Add(ref _attacked, batch.Count);
    }
}
