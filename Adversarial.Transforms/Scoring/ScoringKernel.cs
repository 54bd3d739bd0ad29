using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Scoring;

/// <summary>Class probabilities and the arg-max class for a whole batch, under inference mode.</summary>
internal sealed class ScoringKernel : ImageBatchKernel
{
    private readonly long[] _imageShape;
    private readonly long[] _predicted;

    public ScoringKernel(TorchImageClassifier classifier, ScoringOptions options)
        : base(classifier, options.ImageColumnName, labelColumn: null, options.BatchSize)
    {
        var shape = classifier.InputShape;
        _imageShape = [0, shape.Channels, shape.Height, shape.Width];
        _predicted = new long[options.BatchSize];
        Outputs =
        [
            OutputColumn.FloatVector(options.ScoreColumnName, [classifier.ClassCount], ClassAnnotations.SlotNames(classifier.ClassNames)),
            OutputColumn.Key(options.PredictedLabelColumnName, classifier.ClassCount, ClassAnnotations.KeyValues(classifier.ClassNames)),
        ];
    }

    public override IReadOnlyList<OutputColumn> Outputs { get; }

    public override void Compute(ImageBatch batch)
    {
        lock (Classifier.Gate)
        {
            using var scope = NewDisposeScope();
            using var inference = inference_mode();
            _imageShape[0] = batch.Count;
            var images = TensorCopy.FromFloats(batch.ImagesInUse, _imageShape);
            var logProbabilities = Classifier.LogProbabilities(images);
            TensorCopy.ToFloats(logProbabilities.exp(), batch.Floats[0].AsSpan(0, batch.Count * Classifier.ClassCount));
            TensorCopy.ToLongs(logProbabilities.argmax(1), _predicted.AsSpan(0, batch.Count));
            uint[] keys = batch.Keys[1];
            for (int i = 0; i < batch.Count; i++)
                keys[i] = (uint)_predicted[i] + 1;
        }
    }
}
