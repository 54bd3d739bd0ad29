using System.Globalization;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// A model that does not work on the data at all: clean accuracy not above chance, or below what a working model is taken to
/// reach. Then every drop and p-value of the sweep measures a broken set-up, not robustness, so the result says so.
/// </summary>
public static class ChanceLevelCheck
{
    /// <summary>The clean accuracy below which a sweep warns unless told otherwise.</summary>
    public const double DefaultMinimumCleanAccuracy = 0.5;

    private const string Causes = "Likely causes: the model expects normalized input (the mean and std it was trained with); "
        + "it was trained on another dataset or image layout (size, channels, channel order, value range); or its outputs are in "
        + "another class order than the dataset's labels.";

    /// <summary>The warnings for the clean row of a sweep over <paramref name="classes"/> classes (none when all is well).</summary>
    /// <param name="clean">The ε = 0 row.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="minimumCleanAccuracy">The lowest clean accuracy taken for a working model; 0 turns that part off.</param>
    public static IReadOnlyList<string> Warnings(EpsilonResult clean, int classes, double minimumCleanAccuracy = DefaultMinimumCleanAccuracy)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (!(minimumCleanAccuracy is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(minimumCleanAccuracy), minimumCleanAccuracy, "Expected a share from 0 to 1.");
        double chance = 1.0 / classes;
        string accuracy = string.Create(CultureInfo.InvariantCulture,
            $"clean accuracy {clean.Accuracy:0.0%} (CI95 [{clean.AccuracyCi95Low:0.0%}, {clean.AccuracyCi95High:0.0%}], {clean.Total} images)");
        if (clean.AccuracyCi95Low <= chance)
            return [string.Create(CultureInfo.InvariantCulture,
                $"{accuracy} is not above chance ({chance:0.0%} for {classes} classes): the model does not work on these images, so the drops and p-values measure nothing about robustness. {Causes}")];
        if (clean.Accuracy < minimumCleanAccuracy)
            return [string.Create(CultureInfo.InvariantCulture,
                $"{accuracy} is below {minimumCleanAccuracy:0.#%}, the least this run takes a working model to reach: the drops and p-values may measure a broken set-up rather than robustness. {Causes}")];
        return [];
    }
}
