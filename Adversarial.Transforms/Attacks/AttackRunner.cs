using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// The one path every attack runs through: refuses a model in training mode, resolves the targets,
/// leaves images the model already gets wrong untouched when asked to attack only correct ones,
/// then runs the attack at one budget (<see cref="Run"/>) or at several (<c>RunSweep</c>).
/// </summary>
public static class AttackRunner
{
    /// <summary>Runs <paramref name="attack"/> on a batch in [0, 1].</summary>
    /// <param name="attack">The attack.</param>
    /// <param name="classifier">The model.</param>
    /// <param name="images">Images [N, C, H, W].</param>
    /// <param name="labels">True class indices [N].</param>
    /// <param name="rowIndices">Row index of each image (seeds its random choices).</param>
    /// <param name="columnTargets">Targets read from a column, for column targeting.</param>
    /// <param name="stageProgress">Receives a staged attack's reports (AutoAttack's stages), or null.</param>
    public static AttackResult Run(IAttack attack, TorchImageClassifier classifier, Tensor images, Tensor labels, long[] rowIndices,
        Tensor? columnTargets = null, IProgress<AttackStageReport>? stageProgress = null)
    {
        ArgumentNullException.ThrowIfNull(attack);
        using var scope = NewDisposeScope();
        var (batch, chosen) = Prepare(attack, classifier, images, labels, rowIndices, columnTargets, stageProgress);
        return Detach(RunOn(attack, batch, chosen));
    }

    /// <summary>
    /// The attack at every budget of <paramref name="budgets"/> for one batch: budget 0 is the clean
    /// batch (the identity), null the attack's own (minimal-perturbation attacks). An
    /// <see cref="ISweepableAttack"/> does its budget-independent work once for all budgets.
    /// </summary>
    /// <param name="attack">The attack (rebuilt at each budget with <see cref="IAttack.WithBudget"/>).</param>
    /// <param name="classifier">The model.</param>
    /// <param name="images">Images [N, C, H, W].</param>
    /// <param name="labels">True class indices [N].</param>
    /// <param name="rowIndices">Row index of each image.</param>
    /// <param name="columnTargets">Targets read from a column, for column targeting.</param>
    /// <param name="budgets">The budgets, in order.</param>
    /// <param name="onBudget">Receives the budget's index, the adversarial batch and, when already computed, its log-probabilities.</param>
    public static void RunSweep(IAttack attack, TorchImageClassifier classifier, Tensor images, Tensor labels, long[] rowIndices,
        Tensor? columnTargets, IReadOnlyList<double?> budgets, Action<int, Tensor, Tensor?> onBudget)
    {
        ArgumentNullException.ThrowIfNull(onBudget);
        RunSweep(attack, classifier, images, labels, rowIndices, columnTargets, budgets, (b, adversarial, known, _) => onBudget(b, adversarial, known));
    }

    /// <summary>
    /// <see cref="RunSweep(IAttack, TorchImageClassifier, Tensor, Tensor, long[], Tensor?, IReadOnlyList{double?}, Action{int, Tensor, Tensor?})"/>,
    /// also handing over each budget's model queries per image (score- and decision-based attacks; null otherwise and at budget 0),
    /// and a staged attack's reports to <paramref name="stageProgress"/>.
    /// </summary>
    public static void RunSweep(IAttack attack, TorchImageClassifier classifier, Tensor images, Tensor labels, long[] rowIndices,
        Tensor? columnTargets, IReadOnlyList<double?> budgets, Action<int, Tensor, Tensor?, long[]?> onBudget, IProgress<AttackStageReport>? stageProgress = null)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(onBudget);
        using var scope = NewDisposeScope();
        PreparedSweep? prepared = null;
        Tensor? clean = null;
        if (attack is ISweepableAttack sweepable && !attack.Settings.OnlyCorrect && budgets.Any(b => !SweepBudgets.IsClean(b)))
        {
            var (whole, _) = Prepare(attack, classifier, images, labels, rowIndices, columnTargets);
            prepared = sweepable.Prepare(whole);
            clean = prepared.CleanLogProbabilities;
        }
        for (int b = 0; b < budgets.Count; b++)
        {
            using var perBudget = NewDisposeScope();
            if (SweepBudgets.AttackAt(attack, budgets[b]) is not { } atBudget)
            {
                if (clean is null)
                {
                    using (inference_mode())
                        clean = classifier.LogProbabilities(images).MoveToOuterDisposeScope();
                }
                onBudget(b, images, clean, null);
                continue;
            }
            var result = (prepared, budgets[b]) is ({ } sweep, { } budget)
                ? new AttackResult(sweep.AdversarialAt(budget).detach(), sweep.Queries)
                : Run(atBudget, classifier, images, labels, rowIndices, columnTargets, stageProgress);
            onBudget(b, result.Adversarial, null, result.Queries);
        }
    }

    /// <summary>Refuses an attack that needs gradients on a black-box model (scores only).</summary>
    /// <exception cref="InvalidOperationException">The model is a black box and the attack is white-box.</exception>
    public static void RequireRunnable(IAttack attack, TorchImageClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(classifier);
        if (attack.IsWhiteBox && classifier.IsBlackBox)
            throw new InvalidOperationException($"{classifier.Name} is a black box (scores only, no gradients), but {attack.Name} needs gradients; "
                + $"attacks that need none: {AttackRegistry.BlackBoxNames}.");
    }

    private static (AttackBatch Batch, long[]? Chosen) Prepare(IAttack attack, TorchImageClassifier classifier, Tensor images, Tensor labels,
        long[] rowIndices, Tensor? columnTargets, IProgress<AttackStageReport>? stageProgress = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        RequireRunnable(attack, classifier);
        if (!classifier.IsInEvalMode)
            throw new InvalidOperationException($"{classifier.Name} is not in eval mode: dropout and batch norm would make the attack meaningless.");
        var settings = attack.Settings;
        var targets = settings.Targeting.Resolve(classifier, images, labels, columnTargets, rowIndices, settings.Seed);
        var batch = new AttackBatch(classifier, images, labels, targets, rowIndices) { StageProgress = stageProgress };
        if (!settings.OnlyCorrect)
            return (batch, null);
        Tensor correct;
        using (inference_mode())
            correct = classifier.LogProbabilities(images).argmax(1).eq(labels);
        return (batch, AttackMath.ToLongs(correct.nonzero().flatten()));
    }

    private static AttackResult RunOn(IAttack attack, AttackBatch batch, long[]? chosen)
    {
        if (chosen is null)
            return attack.Run(batch);
        var queries = new long[batch.RowIndices.Length];
        if (chosen.Length == 0)
            return new AttackResult(batch.Images.clone(), attack.IsWhiteBox ? null : queries);
        var index = tensor(chosen, device: batch.Images.device);
        var result = attack.Run(new AttackBatch(batch.Classifier, batch.Images.index_select(0, index), batch.Labels.index_select(0, index),
            batch.Targets?.index_select(0, index), chosen.Select(i => batch.RowIndices[i]).ToArray()) { StageProgress = batch.StageProgress });
        var adversarial = batch.Images.index_copy(0, index, result.Adversarial);
        if (result.Queries is { } partial)
        {
            for (int i = 0; i < chosen.Length; i++)
                queries[chosen[i]] = partial[i];
        }
        return new AttackResult(adversarial, result.Queries is null ? null : queries);
    }

    private static AttackResult Detach(AttackResult result) =>
        result with { Adversarial = result.Adversarial.detach().MoveToOuterDisposeScope() };
}
