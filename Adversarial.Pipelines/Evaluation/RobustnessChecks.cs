using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// The checks of Carlini et al., "On Evaluating Adversarial Robustness" (2019), at one budget: more steps and restarts do
/// not lower the robust accuracy by more than <see cref="TolerancePoints"/> point; an unbounded budget reaches 0%; a
/// black-box attack (Square with the authors' settings, in the attack's norm) does not beat the white-box one — for AutoAttack,
/// whose last stage is Square, AutoAttack's own check that Square adds at most <see cref="SquarePointsInSequence"/> points
/// within the sequence; adversarial examples transferred from a standard model do not beat it either. Each gives one
/// <see cref="EvaluationCheck"/>.
/// </summary>
public static class RobustnessChecks
{
    /// <summary>Robust-accuracy differences up to this many percentage points count as noise.</summary>
    public const double TolerancePoints = 1;

    /// <summary>The points Square may lower robust accuracy by as AutoAttack's last stage (the authors' check_square_sr: 0.2).</summary>
    public const double SquarePointsInSequence = 0.2;

    /// <summary>Runs the four checks.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="classifier">The model under evaluation.</param>
    /// <param name="data">Images and labels (the sweep's).</param>
    /// <param name="attack">The attack whose evaluation is checked.</param>
    /// <param name="epsilon">The budget the checks run at (the sweep's largest).</param>
    /// <param name="standardModel">A standard (not robust) model of the same data, the transfer source; null skips that check.</param>
    /// <param name="batchSize">Images per torch call.</param>
    public static IReadOnlyList<EvaluationCheck> Run(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack attack, double epsilon,
        TorchImageClassifier? standardModel, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attack);
        if (attack.Budget is null)
            throw new ArgumentException($"The checks need a budgeted attack; {attack.Name} looks for minimal perturbations.", nameof(attack));
        var atBudget = attack.WithBudget(epsilon);
        double robust = CarliniRules.Accuracy(ml, classifier, classifier, data, atBudget, batchSize);
        string at = string.Create(CultureInfo.InvariantCulture, $"at ε {epsilon:0.####}");
        return
        [
            Stronger(ml, classifier, data, atBudget, robust, at, batchSize),
            Unbounded(ml, classifier, data, atBudget, batchSize),
            BlackBox(ml, classifier, data, atBudget, robust, at, batchSize),
            Transfer(ml, classifier, data, atBudget, robust, at, standardModel, batchSize),
        ];
    }

    private static EvaluationCheck Stronger(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack attack, double robust, string at,
        int batchSize)
    {
        const string name = "doubled steps and restarts";
        var descriptor = AttackRegistry.Of(attack);
        var options = descriptor?.OptionsOf(attack);
        var tunable = descriptor?.TunableOptions ?? [];
        var doubled = new[] { "Steps", "Restarts" }.Select(n => tunable.FirstOrDefault(p => p.Name == n && p.PropertyType == typeof(int)))
            .OfType<System.Reflection.PropertyInfo>().Select(p => (p.Name, Value: 2 * (int)p.GetValue(options)!)).ToArray();
        if (descriptor is null || doubled.Length == 0)
            return new EvaluationCheck(name, $"{attack.Name} has no steps or restarts to double", CheckVerdict.NotApplicable);
        var stronger = descriptor.Create(doubled.Aggregate(options!, (o, d) => o.With(d.Name, d.Value)), attack.Settings);
        double strongerRobust = CarliniRules.Accuracy(ml, classifier, classifier, data, stronger, batchSize);
        double change = 100 * (robust - strongerRobust);
        string what = string.Join(" and ", doubled.Select(d => Invariant($"{d.Name.ToLowerInvariant()} {d.Value}")));
        return new EvaluationCheck(name, Invariant($"robust accuracy {at}: {Percent(robust)} as run, {Percent(strongerRobust)} with {what} ({change:+0.0;-0.0;0.0} points)"),
            change > TolerancePoints + CarliniRules.Rounding ? CheckVerdict.Warn : CheckVerdict.Pass);
    }

    private static EvaluationCheck Unbounded(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack attack, int batchSize)
    {
        double unbounded = CarliniRules.UnboundedBudget(attack.Norm, classifier.InputShape);
        double robust = CarliniRules.Accuracy(ml, classifier, classifier, data, attack.WithBudget(unbounded), batchSize);
        return new EvaluationCheck("unbounded budget reaches 0%", Invariant($"robust accuracy at ε {unbounded:0.##} ({attack.Norm}): {Percent(robust)}"),
            robust > 0 ? CheckVerdict.Warn : CheckVerdict.Pass);
    }

    private static EvaluationCheck BlackBox(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack attack, double robust, string at,
        int batchSize)
    {
        const string name = "black-box attack does not beat the white-box one";
        if (!attack.IsWhiteBox)
            return new EvaluationCheck(name, $"{attack.Name} is itself a black-box attack", CheckVerdict.NotApplicable);
        if (attack is AutoAttack { Stages: [_, _, _, SquareAttack] } autoAttack)
        {
            var whiteBox = autoAttack.Stages.Take(3).ToArray();
            // autoattack/checks.py's check_square_sr: Square, last in the sequence, must add almost nothing.
            double before = CarliniRules.Accuracy(ml, classifier, classifier, data, new AttackSequence(whiteBox), batchSize);
            string stages = string.Join(", ", whiteBox.Select(AutoAttack.StageName));
            return new EvaluationCheck(name, Invariant(
                $"robust accuracy {at}: {Percent(before)} after {stages}, {Percent(robust)} after Square in the sequence ({100 * (before - robust):0.0} points; AutoAttack warns above {SquarePointsInSequence})"),
                CarliniRules.Beats(robust, before, SquarePointsInSequence) ? CheckVerdict.Warn : CheckVerdict.Pass);
        }
        var square = new SquareAttack(new SquareAttackOptions { Epsilon = attack.Budget!.Value, Norm = attack.Norm }, attack.Settings);
        double squareRobust = CarliniRules.Accuracy(ml, classifier, classifier, data, square, batchSize);
        return new EvaluationCheck(name, Invariant($"robust accuracy {at}: {Percent(robust)} under {attack.Name}, {Percent(squareRobust)} under Square {attack.Norm} ({square.Options.Queries} queries)"),
            CarliniRules.Beats(squareRobust, robust, TolerancePoints) ? CheckVerdict.Warn : CheckVerdict.Pass);
    }

    private static EvaluationCheck Transfer(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack attack, double robust, string at,
        TorchImageClassifier? standardModel, int batchSize)
    {
        const string name = "transfer from a standard model does not beat the white-box attack";
        if (standardModel is null)
            return new EvaluationCheck(name, "no standard model of this data was given", CheckVerdict.NotApplicable);
        if (standardModel.WeightsSha256 == classifier.WeightsSha256)
            return new EvaluationCheck(name, "the model under evaluation is the standard model", CheckVerdict.NotApplicable);
        if (!attack.IsWhiteBox)
            return new EvaluationCheck(name, $"{attack.Name} does not use gradients, so nothing is transferred", CheckVerdict.NotApplicable);
        double transferred = CarliniRules.Accuracy(ml, standardModel, classifier, data, attack, batchSize);
        return new EvaluationCheck(name, Invariant($"robust accuracy {at}: {Percent(robust)} under {attack.Name}, {Percent(transferred)} on examples crafted on {standardModel.Name}"),
            CarliniRules.Beats(transferred, robust, TolerancePoints) ? CheckVerdict.Warn : CheckVerdict.Pass);
    }

    private static string Percent(double accuracy) => Invariant($"{100 * accuracy:0.0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
