using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.AttackTransform;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// load → attack at every ε → evaluate, for any <see cref="IAttack"/>: one streaming pass through the
/// sweep transform (an attack offering <see cref="ISweepableAttack"/>, such as FGSM, computes its
/// gradient once per image for all ε), then <c>MulticlassClassification.Evaluate</c> per ε, Wilson
/// intervals, exact McNemar tests and Newcombe intervals against ε = 0 on the paired per-image
/// outcomes, perturbation norms of every image, and the sanity checks.
/// </summary>
public static class AttackSweepRunner
{
    /// <summary>Runs the sweep.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="classifier">The attacked model.</param>
    /// <param name="data">Images and labels (columns Image and Label).</param>
    /// <param name="request">Dataset name, ε list, batch size and seed.</param>
    /// <param name="attack">The attack; rebuilt at each ε with <see cref="IAttack.WithBudget"/> (a minimal-perturbation attack runs once).</param>
    /// <param name="progress">Receives the number of images done so far.</param>
    /// <param name="cancellation">Stops the pass between rows.</param>
    /// <param name="stageProgress">
    /// Receives a staged attack's reports as they happen (AutoAttack: each stage's start and end per batch, APGD-T's and FAB-T's
    /// target classes), from the worker threads; the result's <see cref="EpsilonResult.Stages"/> add them up either way.
    /// </param>
    public static SweepResult Run(MLContext ml, TorchImageClassifier classifier, IDataView data, SweepRequest request, IAttack attack,
        IProgress<long>? progress = null, CancellationToken cancellation = default, IProgress<AttackStageReport>? stageProgress = null)
    {
        var tally = new StageTally(stageProgress);
        // Fitted first: the columns are checked before the sanity checks read any image.
        var sweep = Fitted(ml, classifier, data, request, attack, null, tally);
        var checks = SanityChecks.Run(ml, classifier, data, attack, Budgets(request, attack), request.BatchSize, request.SanityChecks);
        using var outcomes = Outcomes(sweep, classifier, data, attack, progress, cancellation);
        return tally.AddTo(outcomes.Summarize(ml, Header(classifier, request, attack, checks)));
    }

    /// <summary>
    /// A transfer attack: the images are crafted on <paramref name="surrogate"/> and scored by <paramref name="target"/> (any model,
    /// a black box included), so every row, McNemar test and interval is the target's and <see cref="EpsilonResult.AttackSuccessRate"/>
    /// is the transfer success rate (share of the images the target got right that the transferred attack makes it get wrong).
    /// </summary>
    /// <exception cref="ArgumentException">The two models' classes or image shapes differ.</exception>
    public static SweepResult RunTransfer(MLContext ml, TorchImageClassifier surrogate, TorchImageClassifier target, IDataView data, SweepRequest request,
        IAttack attack, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(surrogate);
        ArgumentNullException.ThrowIfNull(target);
        var sweep = Fitted(ml, surrogate, data, request, attack, target);
        var checks = SanityChecks.Run(ml, surrogate, data, attack, Budgets(request, attack), request.BatchSize, request.SanityChecks);
        using var outcomes = Outcomes(sweep, surrogate, data, attack, progress, cancellation);
        string sha = surrogate.WeightsSha256.Length > 0 ? $" (SHA-256 {surrogate.WeightsSha256})" : "";
        return outcomes.Summarize(ml, Header(target, request, attack, checks) with { CraftedOn = $"{surrogate.Name}{sha}" });
    }

    /// <summary>The budgets a sweep attacks at: 0 (clean) first, then each ε, or the attack's own for a minimal attack.</summary>
    public static IReadOnlyList<double?> Budgets(SweepRequest request, IAttack attack)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attack);
        return SweepBudgets.For(attack, request.EffectiveEpsilons);
    }

    internal static SweepHeader Header(TorchImageClassifier classifier, SweepRequest request, IAttack attack, SanityCheckRun checks)
    {
        // Parameters that scale with ε (PGD's default step) are shown for the largest ε.
        var sample = attack.Budget is null ? attack : attack.WithBudget(request.EffectiveEpsilons.Max());
        return new SweepHeader(request.Dataset, classifier.Name, classifier.WeightsSha256, request.Seed, sample.Name, request.BatchSize,
            classifier.ClassNames, sample.Parameters.WithoutBudget(), checks.Warnings, classifier.Device.ToString(),
            classifier.Adapter?.Description) { MinimumCleanAccuracy = request.MinimumCleanAccuracy, SanityChecks = checks };
    }

    internal static SweepOutcomes Outcomes(MLContext ml, TorchImageClassifier classifier, IDataView data, SweepRequest request, IAttack attack,
        IProgress<long>? progress = null, CancellationToken cancellation = default) =>
        Outcomes(Fitted(ml, classifier, data, request, attack, null), classifier, data, attack, progress, cancellation);

    /// <summary>The pass of an already fitted sweep over <paramref name="data"/> (any data of the schema it was fitted on).</summary>
    internal static SweepOutcomes Outcomes((AttackSweepTransformer Transformer, AttackSweepOptions Options) sweep, TorchImageClassifier classifier,
        IDataView data, IAttack attack, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        var (transformer, options) = sweep;
        var budgets = options.Budgets;
        var scored = transformer.Transform(data);
        long rows = scored.GetRowCount() ?? 0;
        var perBudget = budgets.Select(_ => new ScoredColumns(classifier.ClassCount, rows)).ToArray();
        // ε = 0 is the clean image itself: no perturbation to measure.
        var norms = budgets.Select(b => SweepBudgets.IsClean(b) ? null : new PerturbationNormAccumulator()).ToArray();
        var queries = budgets.Select(b => attack.IsWhiteBox || SweepBudgets.IsClean(b) ? null : new List<long>()).ToArray();
        var outcomes = new SweepOutcomes(budgets, perBudget, norms) { Queries = queries };
        try
        {
            Collect(scored, options, outcomes, progress, cancellation);
            return outcomes;
        }
        catch
        {
            outcomes.Dispose();
            throw;
        }
    }

    /// <summary>The sweep transform fitted to <paramref name="data"/>: its columns checked, nothing read.</summary>
    internal static (AttackSweepTransformer Transformer, AttackSweepOptions Options) Fitted(MLContext ml, TorchImageClassifier classifier,
        IDataView data, SweepRequest request, IAttack attack, TorchImageClassifier? scoredBy, IProgress<AttackStageReport>? stageProgress = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        var options = new AttackSweepOptions { Budgets = Budgets(request, attack), BatchSize = request.BatchSize, ScoredBy = scoredBy, StageProgress = stageProgress };
        return (ml.Transforms.AttackSweep(classifier, attack, options).Fit(data), options);
    }

    private static void Collect(IDataView scored, AttackSweepOptions options, SweepOutcomes outcomes, IProgress<long>? progress,
        CancellationToken cancellation)
    {
        int count = options.Budgets.Count;
        var schema = scored.Schema;
        var label = schema[options.LabelColumnName];
        var scoreColumns = Enumerable.Range(0, count).Select(b => schema[options.ScoreColumnName(b)]).ToArray();
        var predictedColumns = Enumerable.Range(0, count).Select(b => schema[options.PredictedLabelColumnName(b)]).ToArray();
        var normColumns = Enumerable.Range(0, count).Select(b => schema[options.PerturbationColumnName(b)]).ToArray();
        var queryColumns = Enumerable.Range(0, count).Select(b => outcomes.Queries[b] is null ? (DataViewSchema.Column?)null : schema[options.QueriesColumnName(b)]).ToArray();
        using var cursor = scored.GetRowCursor(scoreColumns.Concat(predictedColumns).Concat(normColumns).Concat(queryColumns.OfType<DataViewSchema.Column>()).Append(label));
        var queryGetters = queryColumns.Select(c => c is { } column ? cursor.GetGetter<VBuffer<float>>(column) : null).ToArray();
        VBuffer<float> queryCount = default;
        var labelGetter = cursor.GetGetter<uint>(label);
        var scoreGetters = scoreColumns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
        var predictedGetters = predictedColumns.Select(c => cursor.GetGetter<uint>(c)).ToArray();
        var normGetters = normColumns.Select(c => cursor.GetGetter<VBuffer<float>>(c)).ToArray();
        uint labelValue = 0, predicted = 0;
        VBuffer<float> scores = default, norms = default;
        long done = 0;
        while (cursor.MoveNext())
        {
            cancellation.ThrowIfCancellationRequested();
            labelGetter(ref labelValue);
            for (int b = 0; b < count; b++)
            {
                scoreGetters[b](ref scores);
                predictedGetters[b](ref predicted);
                outcomes.PerEpsilon[b].Add(labelValue, scores.GetValues(), predicted);
                if (outcomes.Norms[b] is { } accumulator)
                {
                    normGetters[b](ref norms);
                    var values = norms.GetValues();
                    accumulator.AddNorms(values[0], values[1], values[2]);
                }
                if (queryGetters[b] is { } queryGetter)
                {
                    queryGetter(ref queryCount);
                    outcomes.Queries[b]!.Add((long)queryCount.GetValues()[0]);
                }
            }
            if (++done % options.BatchSize == 0)
                progress?.Report(done);
        }
        progress?.Report(done);
    }
}
