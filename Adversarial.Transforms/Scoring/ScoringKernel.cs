using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Scoring;

/// <summary>Class probabilities and the arg-max class for a whole batch, under inference mode.</summary>
internal sealed class ScoringKernel : ImageBatchKernel
{
    public ScoringKernel(TorchImageClassifier classifier, ScoringOptions options)
        : base(classifier, options.ImageColumnName, labelColumn: null, options.BatchSize)
    {
        Outputs =
        [
            OutputColumn.FloatVector(options.ScoreColumnName, [classifier.ClassCount], ClassAnnotations.SlotNames(classifier.ClassNames)),
            OutputColumn.Key(options.PredictedLabelColumnName, classifier.ClassCount, ClassAnnotations.KeyValues(classifier.ClassNames)),
        ];
    }

    public override IReadOnlyList<OutputColumn> Outputs { get; }

    public override void Compute(ImageBatch batch)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var logProbabilities = Classifier.LogProbabilities(ImagesOf(batch));
        TensorCopy.ToFloats(logProbabilities.exp(), batch.Floats(0));
        TensorCopy.ToKeys(logProbabilities.argmax(1), batch.Keys(1));
    }
}
