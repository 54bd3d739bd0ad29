using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Fgsm;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// load → FGSM at every ε → evaluate: one streaming pass through <c>FgsmSweep</c> (one gradient per
/// image for all ε), then <c>MulticlassClassification.Evaluate</c> per ε, Wilson intervals and exact
/// McNemar tests against ε = 0 on the paired per-image outcomes.
/// </summary>
public static class FgsmSweepRunner
{
    /// <summary>Runs the sweep.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="classifier">The attacked model.</param>
    /// <param name="data">Images and labels (columns Image and Label).</param>
    /// <param name="request">What to sweep.</param>
    /// <param name="progress">Receives the number of images done so far.</param>
    /// <param name="cancellation">Stops the pass between rows.</param>
    public static SweepResult Run(MLContext ml, TorchImageClassifier classifier, IDataView data, SweepRequest request,
        IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Outcomes(ml, classifier, data, request, progress, cancellation).Summarize(ml, Header(classifier, request));
    }

    internal static SweepHeader Header(TorchImageClassifier classifier, SweepRequest request) =>
        new(request.Dataset, classifier.Name, classifier.WeightsSha256, request.Seed, "fgsm", request.BatchSize, classifier.ClassNames);

    internal static SweepOutcomes Outcomes(MLContext ml, TorchImageClassifier classifier, IDataView data, SweepRequest request,
        IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        var epsilons = request.EffectiveEpsilons;
        var options = new FgsmSweepOptions { Epsilons = epsilons, BatchSize = request.BatchSize };
        var scored = ml.Transforms.FgsmSweep(classifier, options).Fit(data).Transform(data);
        var perEpsilon = Collect(scored, options, classifier.ClassCount, progress, cancellation);
        return new SweepOutcomes(epsilons.Select(e => (double?)e).ToArray(), perEpsilon, new Statistics.PerturbationNormAccumulator?[epsilons.Count]);
    }

    private static ScoredColumns[] Collect(IDataView scored, FgsmSweepOptions options, int classCount,
        IProgress<long>? progress, CancellationToken cancellation)
    {
        int count = options.Epsilons.Count;
        var label = scored.Schema[options.LabelColumnName];
        var scoreColumns = Enumerable.Range(0, count).Select(e => scored.Schema[options.ScoreColumnName(e)]).ToArray();
        var predictedColumns = Enumerable.Range(0, count).Select(e => scored.Schema[options.PredictedLabelColumnName(e)]).ToArray();
        var perEpsilon = Enumerable.Range(0, count).Select(_ => new ScoredColumns(classCount, scored.GetRowCount() ?? 0)).ToArray();

        using var cursor = scored.GetRowCursor(scoreColumns.Concat(predictedColumns).Append(label));
        var labelGetter = cursor.GetGetter<uint>(label);
        var scoreGetters = scoreColumns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
        var predictedGetters = predictedColumns.Select(c => cursor.GetGetter<uint>(c)).ToArray();
        uint labelValue = 0, predicted = 0;
        VBuffer<float> scores = default;
        long done = 0;
        while (cursor.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            labelGetter(ref labelValue);
            for (int e = 0; e < count; e++)
            {
                scoreGetters[e](ref scores);
                predictedGetters[e](ref predicted);
                perEpsilon[e].Add(labelValue, scores.GetValues(), predicted);
            }
            if (++done % options.BatchSize == 0)
                progress?.Report(done);
        }
        progress?.Report(done);
        return perEpsilon;
    }
}
