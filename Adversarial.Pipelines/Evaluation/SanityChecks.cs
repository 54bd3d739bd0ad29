using System.Globalization;
using Microsoft.ML;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// AutoAttack-style sanity checks, reported as warnings: at a budget that allows anything, a gradient
/// attack must take accuracy to near zero (else gradients may be masked); a black-box attack must not
/// beat a strong white-box one at the same budget. (Eval mode is enforced by the attack runner.)
/// </summary>
internal static class SanityChecks
{
    private const int Images = 200;
    private const double NearZero = 0.05;

    public static IReadOnlyList<string> Run(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack sample,
        Func<double, IAttack> attackFor, bool minimal, SweepOutcomes outcomes, int batchSize)
    {
        var warnings = new List<string>();
        var subset = ml.Data.TakeRows(data, Images);
        if (sample.IsWhiteBox && !minimal)
        {
            var shape = classifier.InputShape;
            double huge = sample.Norm == "L2" ? Math.Sqrt(shape.Size) : 1.0;
            double accuracy = Accuracy(ml, classifier, subset, attackFor(huge), batchSize);
            if (accuracy > NearZero)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{sample.Name} at an unbounded budget ({huge:0.###}) still leaves accuracy {accuracy:P1} on {Images} images: gradients may be masked."));
        }
        if (!sample.IsWhiteBox && outcomes.Epsilons.Count > 1 && outcomes.Epsilons[^1] is { } epsilon)
        {
            var whiteBox = new PgdAttack(new PgdAttackOptions { Epsilon = epsilon, Steps = 40 }, sample.Settings);
            double blackBox = Accuracy(ml, classifier, subset, attackFor(epsilon), batchSize);
            double white = Accuracy(ml, classifier, subset, whiteBox, batchSize);
            if (blackBox < white - 0.02)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"black-box {sample.Name} ({blackBox:P1}) beats white-box PGD-40 ({white:P1}) at epsilon {epsilon:0.####} on {Images} images: the gradients may be unreliable."));
        }
        return warnings;
    }

    private static double Accuracy(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack attack, int batchSize)
    {
        var scored = Transforms.AdversarialCatalog.Attack(ml.Transforms, "Image", classifier, attack, batchSize: batchSize)
            .Append(Transforms.AdversarialCatalog.ScoreImages(ml.Transforms, classifier, batchSize: batchSize))
            .Fit(data).Transform(data);
        return ml.MulticlassClassification.Evaluate(scored).MicroAccuracy;
    }
}
