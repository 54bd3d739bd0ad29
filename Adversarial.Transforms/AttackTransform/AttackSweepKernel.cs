using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>
/// Per batch, the attack at every budget through <c>AttackRunner.RunSweep</c>, then per budget
/// one inference-mode forward pass (none for ε = 0 when the attack already scored the clean batch)
/// and the per-image perturbation sizes.
/// </summary>
internal sealed class AttackSweepKernel : ImageBatchKernel
{
    private const int NormsPerImage = 3;

    private readonly IAttack _attack;
    private readonly AttackSweepOptions _options;
    private readonly int _stride;
    private readonly TorchImageClassifier _scorer;

    public AttackSweepKernel(TorchImageClassifier classifier, IAttack attack, AttackSweepOptions options)
        : base(classifier, options.ImageColumnName, options.LabelColumnName, options.BatchSize)
    {
        _attack = attack;
        _options = options;
        // Score- and decision-based attacks also give their query count per image.
        _stride = attack.IsWhiteBox ? 3 : 4;
        _scorer = options.ScoredBy ?? classifier;
        var slotNames = ClassAnnotations.SlotNames(classifier.ClassNames);
        var keyValues = ClassAnnotations.KeyValues(classifier.ClassNames);
        Outputs = Enumerable.Range(0, options.Budgets.Count).SelectMany(i => new[]
        {
            OutputColumn.FloatVector(options.ScoreColumnName(i), [classifier.ClassCount], slotNames),
            OutputColumn.Key(options.PredictedLabelColumnName(i), classifier.ClassCount, keyValues),
            OutputColumn.FloatVector(options.PerturbationColumnName(i), [NormsPerImage]),
        }.Concat(attack.IsWhiteBox ? [] : [OutputColumn.FloatVector(options.QueriesColumnName(i), [1])])).ToArray();
    }

    public override IReadOnlyList<OutputColumn> Outputs { get; }

    public override string? TargetColumn => _attack.Settings.Targeting.ColumnName;

    public override void Compute(ImageBatch batch)
    {
        using var scope = NewDisposeScope();
        var images = ImagesOf(batch);
        AttackRunner.RunSweep(_attack, Classifier, images, LabelsOf(batch), batch.RowIndices.ToArray(), TargetsOf(batch), _options.Budgets,
            (b, adversarial, known, queries) =>
            {
                using var inference = inference_mode();
                int column = _stride * b;
                var logProbabilities = (ReferenceEquals(_scorer, Classifier) ? known : null) ?? _scorer.LogProbabilities(adversarial);
                TensorCopy.ToFloats(logProbabilities.exp(), batch.Floats(column));
                TensorCopy.ToKeys(logProbabilities.argmax(1), batch.Keys(column + 1));
                var delta = (adversarial - images).flatten(1);
                var norms = stack([delta.norm(1, false, float.PositiveInfinity), delta.norm(1, false, 2f),
                    count_nonzero(delta, [1]).to_type(ScalarType.Float32)], 1);
                TensorCopy.ToFloats(norms, batch.Floats(column + 2));
                if (_stride == 4)
                {
                    var counts = batch.Floats(column + 3);
                    for (int i = 0; i < counts.Length; i++)
                        counts[i] = queries is null ? 0 : queries[i];
                }
            }, _options.StageProgress);
    }
}
