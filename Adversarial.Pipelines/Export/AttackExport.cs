using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;
using MlNetAdversarial.Transforms.Torch;

namespace MlNetAdversarial.Pipelines.Export;

/// <summary>
/// The mission's output: attacks a test set with any attack in one streaming pass and writes the modified
/// dataset (its own format and a PNG folder), report.md / report.json with plots, and manifest.json,
/// all into a staging folder that is moved into place only when everything is written.
/// </summary>
public static class AttackExport
{
    private const string CleanScore = "CleanScore";
    private const string CleanPredictedLabel = "CleanPredictedLabel";

    private const string Quantization =
        "8-bit: round(x' * 255) to the nearest level; where that level is further than the L-inf budget from the clean pixel, one level toward it";

    /// <summary>Runs the attack and writes everything; returns the report and the manifest.</summary>
    public static (RobustnessReport Report, DatasetManifest Manifest) Run(MLContext ml, TorchImageClassifier classifier,
        ByteImageDataView source, IDataView data, AttackExportRequest request, IProgress<long>? progress = null,
        CancellationToken cancellation = default)
    {
        using var outcome = RunWithOutcomes(ml, classifier, source, data, request, split: "test", progress, cancellation);
        return (outcome.Report, outcome.Manifest);
    }

    /// <summary>
    /// Attacks shard <paramref name="shard"/> of <paramref name="all"/> and writes that part of the modified
    /// dataset (its manifest names the rows); also returns the shard's partial result, which
    /// <see cref="Evaluation.ShardSweep.Merge"/> turns into the numbers of one whole run.
    /// </summary>
    public static (RobustnessReport Report, DatasetManifest Manifest, PartialSweep Partial) RunShard(MLContext ml, TorchImageClassifier classifier,
        ByteImageDataView source, IDataView all, AttackExportRequest request, Shard shard, IProgress<long>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        long total = Shard.TotalRows(all);
        var data = shard.Slice(ml, all, total);
        string split = $"test rows {shard.FirstRow(total)}..{shard.FirstRow(total) + shard.RowCount(total) - 1} of {total} (shard {shard.Index}/{shard.Count})";
        using var outcome = RunWithOutcomes(ml, classifier, source, data, request, split, progress, cancellation);
        return (outcome.Report, outcome.Manifest, ShardMerger.ToPartial(outcome.Outcomes, outcome.Header, shard, total));
    }

    /// <summary>
    /// <see cref="Run"/>, also returning the per-image outcomes (what a shard's partial result holds);
    /// <paramref name="split"/> is recorded in the manifest.
    /// </summary>
    private static AttackExportOutcome RunWithOutcomes(MLContext ml, TorchImageClassifier classifier, ByteImageDataView source,
        IDataView data, AttackExportRequest request, string split, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var staging = new StagingFolder(request.OutputFolder, request.Force);
        var attack = request.Attack;
        // Fitted first, so the columns are checked before the sanity checks read any image.
        var pipeline = ml.Transforms.Attack(AdversarialColumns.Adversarial, classifier, attack, AdversarialColumns.Image, batchSize: request.BatchSize)
            .Append(ml.Transforms.ScoreImages(classifier, new ScoringOptions
            {
                ImageColumnName = AdversarialColumns.Image, ScoreColumnName = CleanScore, PredictedLabelColumnName = CleanPredictedLabel, BatchSize = request.BatchSize,
            }))
            .Append(ml.Transforms.ScoreImages(classifier, AdversarialColumns.Adversarial, request.BatchSize))
            .Fit(data);
        // Checked on the whole source before the pass, so every shard carries the same warnings.
        var checks = SanityChecks.Run(ml, classifier, source, attack, [0, attack.Budget], request.BatchSize, request.SanityChecks);
        var scored = pipeline.Transform(data);

        var clean = new ScoredColumns(classifier.ClassCount);
        var attacked = new ScoredColumns(classifier.ClassCount);
        var norms = new PerturbationNormAccumulator();
        using (var formatWriter = request.Format.CreateWriter(staging.Path, source.ClassNames))
        using (var pngWriter = request.Format.IsPngFolder ? null
                   : new PngFolderWriter(Path.Combine(staging.Path, SavedFormat.PngFolder), source.Shape, source.ClassNames))
        {
            // Only an L∞ budget constrains single pixels; other attacks are rounded to the nearest level.
            double pixelBudget = attack.Norm == PerturbationNorm.Linf && attack.Budget is { } linf ? linf : double.PositiveInfinity;
            IDatasetWriter[] writers = pngWriter is null ? [formatWriter] : [formatWriter, pngWriter];
            Stream(scored, source.Shape.Size, pixelBudget, writers, clean, attacked, norms, progress, cancellation);
            formatWriter.Complete();
            pngWriter?.Complete();
        }

        // Summarized exactly as a sweep (or 'merge' of shards) is, so the numbers agree to the last digit.
        var outcomes = new SweepOutcomes([0, attack.Budget], [clean, attacked], [null, norms]);
        var header = new SweepHeader(request.Format.Dataset, classifier.Name, classifier.WeightsSha256, request.Seed, attack.Name,
            request.BatchSize, source.ClassNames, attack.Parameters.WithoutBudget(),
            // Checked on the whole source, so every shard carries the same warnings.
            checks.Warnings, classifier.Device.ToString(), classifier.Adapter?.Description) { MinimumCleanAccuracy = request.MinimumCleanAccuracy, SanityChecks = checks };
        var sweep = outcomes.Summarize(ml, header);
        var saved = EvaluateSaved(ml, classifier, request.Format.Load(staging.Path), attacked, request);
        var samples = SampleGridBuilder.Build(classifier, data, [(0, null), (attack.Budget, attack)], request.SampleCount);
        var report = ReportWriter.Write(staging.Path, sweep, samples, saved, source.ClassNames);
        var manifest = ManifestFiles.Write(staging.Path, new DatasetManifest(ToolInfo.Name, ToolInfo.Version, DateTime.UtcNow,
            request.Format.Dataset, split, request.SourceFiles, classifier.Name, Path.GetFileName(request.ModelFile),
            classifier.WeightsSha256, new ManifestAttack(attack.Name, attack.Norm.ToString(), attack.Budget, attack.Parameters,
                attack.Settings.Targeting.Kind.ToString(), attack.Settings.OnlyCorrect, 0, 1, request.BatchSize, Quantization),
            request.Seed, []));
        cancellation.ThrowIfCancellationRequested();
        staging.Commit();
        return new AttackExportOutcome(report, manifest, outcomes, header);
    }

    private static void Stream(IDataView scored, int imageSize, double epsilon, IDatasetWriter[] writers, ScoredColumns clean,
        ScoredColumns attacked, PerturbationNormAccumulator norms, IProgress<long>? progress, CancellationToken cancellation)
    {
        var schema = scored.Schema;
        string[] names = [AdversarialColumns.Label, AdversarialColumns.Image, AdversarialColumns.Adversarial, CleanScore, CleanPredictedLabel,
            AdversarialColumns.Score, AdversarialColumns.PredictedLabel];
        using var cursor = scored.GetRowCursor(names.Select(n => schema[n]));
        var label = cursor.GetGetter<uint>(schema[AdversarialColumns.Label]);
        var image = cursor.GetGetter<VBuffer<float>>(schema[AdversarialColumns.Image]);
        var adversarial = cursor.GetGetter<VBuffer<float>>(schema[AdversarialColumns.Adversarial]);
        var cleanScore = cursor.GetGetter<VBuffer<float>>(schema[CleanScore]);
        var cleanPredicted = cursor.GetGetter<uint>(schema[CleanPredictedLabel]);
        var score = cursor.GetGetter<VBuffer<float>>(schema[AdversarialColumns.Score]);
        var predicted = cursor.GetGetter<uint>(schema[AdversarialColumns.PredictedLabel]);
        VBuffer<float> cleanImage = default, attackedImage = default, scores = default;
        uint key = 0, prediction = 0;
        var bytes = new byte[imageSize];
        var savedFloats = new float[imageSize];
        long done = 0;
        while (cursor.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            label(ref key);
            image(ref cleanImage);
            adversarial(ref attackedImage);
            var cleanValues = cleanImage.GetValues();
            PixelQuantizer.Quantize(cleanValues, attackedImage.GetValues(), epsilon, bytes);
            foreach (var writer in writers)
                writer.Add(bytes, (byte)(key - 1));
            for (int i = 0; i < imageSize; i++)
                savedFloats[i] = bytes[i] / 255f;
            norms.Add(cleanValues, savedFloats);
            cleanScore(ref scores);
            cleanPredicted(ref prediction);
            clean.Add(key, scores.GetValues(), prediction);
            score(ref scores);
            predicted(ref prediction);
            attacked.Add(key, scores.GetValues(), prediction);
            if (++done % 256 == 0)
                progress?.Report(done);
        }
        progress?.Report(done);
    }

    private static SavedDatasetEvaluation EvaluateSaved(MLContext ml, TorchImageClassifier classifier, ByteImageDataView saved,
        ScoredColumns inMemory, AttackExportRequest request)
    {
        var predictions = ml.Transforms.ScoreImages(classifier, batchSize: request.BatchSize).Fit(saved).Transform(saved)
            .GetColumn<uint>(AdversarialColumns.PredictedLabel).ToArray();
        if (predictions.Length != inMemory.Count)
            throw new InvalidDataException($"The saved dataset holds {predictions.Length} images; {inMemory.Count} were written.");
        int correct = 0, changed = 0, inMemoryCorrect = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            correct += predictions[i] == inMemory.Label(i) ? 1 : 0;
            inMemoryCorrect += inMemory.IsCorrect(i) ? 1 : 0;
            changed += predictions[i] != inMemory.Predicted(i) ? 1 : 0;
        }
        double accuracy = (double)correct / predictions.Length, inMemoryAccuracy = (double)inMemoryCorrect / predictions.Length;
        return new SavedDatasetEvaluation(request.Attack.Budget, correct, predictions.Length, accuracy, inMemoryAccuracy,
            accuracy - inMemoryAccuracy, changed);
    }
}
