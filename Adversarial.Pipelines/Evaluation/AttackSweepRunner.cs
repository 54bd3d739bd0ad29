using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// load → attack → evaluate for any <see cref="IAttack"/>: one clean scoring pass, then one streaming
/// pass per ε (one pass in all for minimal-perturbation attacks), each compared image by image with
/// the clean predictions. Perturbation norms are measured on every image.
/// </summary>
public static class AttackSweepRunner
{
    /// <summary>Runs the sweep; <paramref name="attackFor"/> builds the attack for an ε.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="classifier">The attacked model.</param>
    /// <param name="data">Images and labels.</param>
    /// <param name="request">Dataset name, ε list, batch size and seed.</param>
    /// <param name="attackFor">The attack at an ε.</param>
    /// <param name="minimal">Minimal-perturbation attack: run once, without ε.</param>
    /// <param name="progress">Receives images done, summed over passes.</param>
    /// <param name="cancellation">Stops between rows.</param>
    public static SweepResult Run(MLContext ml, TorchImageClassifier classifier, IDataView data, SweepRequest request,
        Func<double, IAttack> attackFor, bool minimal, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        var outcomes = Outcomes(ml, classifier, data, request, attackFor, minimal, progress, cancellation);
        var warnings = SanityChecks.Run(ml, classifier, data, attackFor(0), attackFor, minimal, outcomes, request.BatchSize);
        return outcomes.Summarize(ml, Header(classifier, request, attackFor, warnings));
    }

    internal static SweepHeader Header(TorchImageClassifier classifier, SweepRequest request, Func<double, IAttack> attackFor,
        IReadOnlyList<string> warnings)
    {
        // Parameters that scale with ε (PGD's default step) are shown for the largest ε.
        var sample = attackFor(request.EffectiveEpsilons.Max());
        return new SweepHeader(request.Dataset, classifier.Name, classifier.WeightsSha256, request.Seed, sample.Name, request.BatchSize,
            classifier.ClassNames, sample.Parameters.Where(p => p.Key != "epsilon").ToDictionary(), warnings);
    }

    internal static SweepOutcomes Outcomes(MLContext ml, TorchImageClassifier classifier, IDataView data, SweepRequest request,
        Func<double, IAttack> attackFor, bool minimal, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(attackFor);
        var cleanScored = ml.Transforms.ScoreImages(classifier, batchSize: request.BatchSize).Fit(data).Transform(data);
        var columns = new List<ScoredColumns> { Collect(cleanScored, "Image", null, classifier.ClassCount, null, cancellation) };
        var norms = new List<PerturbationNormAccumulator?> { null };
        IReadOnlyList<double?> budgets = minimal ? [null] : request.EffectiveEpsilons.Skip(1).Select(e => (double?)e).ToArray();
        long done = columns[0].Count;
        progress?.Report(done);
        foreach (double? budget in budgets)
        {
            var scored = ml.Transforms.Attack("Adversarial", classifier, attackFor(budget ?? 0), "Image", batchSize: request.BatchSize)
                .Append(ml.Transforms.ScoreImages(classifier, "Adversarial", request.BatchSize))
                .Fit(data).Transform(data);
            var accumulator = new PerturbationNormAccumulator();
            var attacked = Collect(scored, "Adversarial", accumulator, classifier.ClassCount, n => progress?.Report(done + n), cancellation);
            done += attacked.Count;
            columns.Add(attacked);
            norms.Add(accumulator);
        }
        return new SweepOutcomes([0, .. budgets], columns.ToArray(), norms.ToArray());
    }

    internal static ScoredColumns Collect(IDataView scored, string imageColumn, PerturbationNormAccumulator? norms, int classCount,
        Action<long>? progress, CancellationToken cancellation)
    {
        var schema = scored.Schema;
        var needed = new List<DataViewSchema.Column> { schema["Label"], schema["Score"], schema["PredictedLabel"] };
        if (norms is not null)
            needed.AddRange([schema.Where(c => c.Name == "Image").First(), schema[imageColumn]]);
        using var cursor = scored.GetRowCursor(needed);
        var label = cursor.GetGetter<uint>(schema["Label"]);
        var score = cursor.GetGetter<VBuffer<float>>(schema["Score"]);
        var predicted = cursor.GetGetter<uint>(schema["PredictedLabel"]);
        var cleanImage = norms is null ? null : cursor.GetGetter<VBuffer<float>>(schema.Where(c => c.Name == "Image").First());
        var attackedImage = norms is null ? null : cursor.GetGetter<VBuffer<float>>(schema[imageColumn]);
        var columns = new ScoredColumns(classCount, scored.GetRowCount() ?? 0);
        uint key = 0, prediction = 0;
        VBuffer<float> scores = default, before = default, after = default;
        while (cursor.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            label(ref key);
            score(ref scores);
            predicted(ref prediction);
            columns.Add(key, scores.GetValues(), prediction);
            if (norms is not null)
            {
                cleanImage!(ref before);
                attackedImage!(ref after);
                norms.Add(before.GetValues(), after.GetValues());
            }
            if (columns.Count % 256 == 0)
                progress?.Invoke(columns.Count);
        }
        return columns;
    }
}
