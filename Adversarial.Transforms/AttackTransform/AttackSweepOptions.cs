using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using System.Globalization;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>
/// Options of the sweep transform, which scores every image under an attack at several budgets in one
/// pass. Every default is defined here and only here.
/// </summary>
public sealed record AttackSweepOptions
{
    /// <summary>Default prefix of the per-budget perturbation-size columns.</summary>
    public const string DefaultPerturbationColumnPrefix = AdversarialColumns.Perturbation;

    /// <summary>
    /// The budgets, in order: each finite and ≥ 0 (0 is the clean image), or null for the attack's own
    /// (a minimal-perturbation attack, which has no budget).
    /// </summary>
    public required IReadOnlyList<double?> Budgets { get; init; }

    /// <summary>Column of clean images.</summary>
    public string ImageColumnName { get; init; } = AdversarialColumns.Image;

    /// <summary>Column of true labels.</summary>
    public string LabelColumnName { get; init; } = AdversarialColumns.Label;

    /// <summary>Prefix of the score columns: the column for <c>Budgets[i]</c> is prefix + "_" + i.</summary>
    public string ScoreColumnPrefix { get; init; } = AdversarialColumns.Score;

    /// <summary>Prefix of the predicted-label columns: prefix + "_" + i.</summary>
    public string PredictedLabelColumnPrefix { get; init; } = AdversarialColumns.PredictedLabel;

    /// <summary>Prefix of the columns of per-image perturbation sizes [L∞, L2, L0]: prefix + "_" + i.</summary>
    public string PerturbationColumnPrefix { get; init; } = DefaultPerturbationColumnPrefix;

    /// <summary>Rows per torch call.</summary>
    public int BatchSize { get; init; } = AttackTransformOptions.DefaultBatchSize;

    /// <summary>Name of the score column for <c>Budgets[index]</c>.</summary>
    public string ScoreColumnName(int index) => Indexed(ScoreColumnPrefix, index);

    /// <summary>Name of the predicted-label column for <c>Budgets[index]</c>.</summary>
    public string PredictedLabelColumnName(int index) => Indexed(PredictedLabelColumnPrefix, index);

    /// <summary>Name of the perturbation-size column for <c>Budgets[index]</c>.</summary>
    public string PerturbationColumnName(int index) => Indexed(PerturbationColumnPrefix, index);

    /// <summary>
    /// The model that scores the attacked images, for a transfer attack: the images are crafted on the transform's classifier
    /// (the surrogate) and scored by this one (the target, which may be a black box). Null: the attacked model scores them.
    /// </summary>
    public TorchImageClassifier? ScoredBy { get; init; }

    /// <summary>
    /// Receives the reports of a staged attack (AutoAttack: each stage's start, APGD-T's and FAB-T's target classes, each
    /// stage's end with its count and time, each batch's end), from the worker threads as they happen; null for none.
    /// </summary>
    public IProgress<AttackStageReport>? StageProgress { get; init; }

    /// <summary>Prefix of the per-budget query counts (score- and decision-based attacks only): one float per image, the model queries it took.</summary>
    public string QueriesColumnPrefix { get; init; } = AdversarialColumns.Queries;

    /// <summary>The query-count column of budget <paramref name="index"/> (present for attacks that are not white-box).</summary>
    public string QueriesColumnName(int index) => Indexed(QueriesColumnPrefix, index);

    /// <summary>Throws for any option out of range, naming it.</summary>
    public void Validate()
    {
        if (Budgets is null || Budgets.Count == 0)
            throw new ArgumentException("Give at least one budget.", nameof(Budgets));
        foreach (double? budget in Budgets)
        {
            if (budget is { } value)
                Attacks.OptionChecks.NonNegative(value, nameof(Budgets));
        }
        AttackTransformOptions.RequireName(ImageColumnName, nameof(ImageColumnName));
        AttackTransformOptions.RequireName(LabelColumnName, nameof(LabelColumnName));
        AttackTransformOptions.RequireName(ScoreColumnPrefix, nameof(ScoreColumnPrefix));
        AttackTransformOptions.RequireName(PredictedLabelColumnPrefix, nameof(PredictedLabelColumnPrefix));
        AttackTransformOptions.RequireName(PerturbationColumnPrefix, nameof(PerturbationColumnPrefix));
        AttackTransformOptions.RequireName(QueriesColumnPrefix, nameof(QueriesColumnPrefix));
        string[] prefixes = [ScoreColumnPrefix, PredictedLabelColumnPrefix, PerturbationColumnPrefix, QueriesColumnPrefix];
        if (prefixes.Distinct().Count() != prefixes.Length)
            throw new ArgumentException($"The column prefixes must differ; got {string.Join(", ", prefixes)}.", nameof(PredictedLabelColumnPrefix));
        AttackTransformOptions.RequireBatchSize(BatchSize);
    }

    private static string Indexed(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}_{index}");
}
