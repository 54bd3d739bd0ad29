using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// The rules the checks of Carlini et al. (2019) share, for the report's checks (<see cref="RobustnessChecks"/>) and the
/// sweep's warnings (<see cref="SanityChecks"/>): the budget that constrains nothing, the accuracy under an attack, and when
/// one accuracy is lower than another by more than a tolerance.
/// </summary>
internal static class CarliniRules
{
    /// <summary>Percentages of whole images compare exactly up to float rounding (0.97 − 0.96 is 1.0000000000000009 points).</summary>
    public const double Rounding = 1e-9;

    /// <summary>The largest budget that constrains nothing in [0, 1] pixels: 1 in L∞, √(pixels) in L2.</summary>
    public static double UnboundedBudget(PerturbationNorm norm, ImageShape shape) => norm == PerturbationNorm.Linf ? 1 : Math.Sqrt(shape.Size);

    /// <summary>Whether <paramref name="accuracy"/> lies below <paramref name="than"/> by more than <paramref name="tolerancePoints"/> percentage points.</summary>
    public static bool Beats(double accuracy, double than, double tolerancePoints) => accuracy < than - tolerancePoints / 100 - Rounding;

    /// <summary>Accuracy of <paramref name="target"/> on examples crafted on <paramref name="source"/>.</summary>
    public static double Accuracy(MLContext ml, TorchImageClassifier source, TorchImageClassifier target, IDataView data, IAttack attack, int batchSize)
    {
        var scored = ml.Transforms.Attack(AdversarialColumns.Adversarial, source, attack, AdversarialColumns.Image, batchSize: batchSize)
            .Append(ml.Transforms.ScoreImages(target, AdversarialColumns.Adversarial, batchSize)).Fit(data).Transform(data);
        long correct = 0, total = 0;
        using var cursor = scored.GetRowCursor(scored.Schema.Where(c => c.Name is AdversarialColumns.Label or AdversarialColumns.PredictedLabel));
        var label = cursor.GetGetter<uint>(scored.Schema[AdversarialColumns.Label]);
        var predicted = cursor.GetGetter<uint>(scored.Schema[AdversarialColumns.PredictedLabel]);
        uint l = 0, p = 0;
        while (cursor.MoveNext())
        {
            label(ref l);
            predicted(ref p);
            total++;
            correct += l == p ? 1 : 0;
        }
        return total == 0 ? 0 : (double)correct / total;
    }
}
