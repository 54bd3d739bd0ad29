using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;

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
        ArgumentNullException.ThrowIfNull(attackFor);
        var cleanScored = ml.Transforms.ScoreImages(classifier, batchSize: request.BatchSize).Fit(data).Transform(data);
        var clean = Collect(cleanScored, "Image", null, classifier.ClassCount, null, cancellation);
        var rows = new List<EpsilonResult> { EpsilonSummary.Summarize(ml, 0, clean, clean, classifier.ClassNames) };
        IReadOnlyList<double?> budgets = minimal ? [null] : request.EffectiveEpsilons.Skip(1).Select(e => (double?)e).ToArray();
        IAttack sample = attackFor(budgets[0] ?? 0);
        long done = clean.Count;
        progress?.Report(done);
        foreach (double? budget in budgets)
        {
            var attack = attackFor(budget ?? 0);
            var scored = ml.Transforms.Attack("Adversarial", classifier, attack, "Image", batchSize: request.BatchSize)
                .Append(ml.Transforms.ScoreImages(classifier, "Adversarial", request.BatchSize))
                .Fit(data).Transform(data);
            var norms = new PerturbationNormAccumulator();
            var attacked = Collect(scored, "Adversarial", norms, classifier.ClassCount, n => progress?.Report(done + n), cancellation);
            done += attacked.Count;
            rows.Add(EpsilonSummary.Summarize(ml, budget, attacked, clean, classifier.ClassNames, norms.Summary));
        }
        var warnings = SanityChecks.Run(ml, classifier, data, sample, attackFor, minimal, rows, request.BatchSize);
        return new SweepResult(request.Dataset, classifier.Name, classifier.WeightsSha256, request.Seed, sample.Name, request.BatchSize,
            TorchRuntime.Threads, rows, sample.Parameters.Where(p => p.Key != "epsilon").ToDictionary(), warnings);
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
        var columns = new ScoredColumns(classCount);
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
