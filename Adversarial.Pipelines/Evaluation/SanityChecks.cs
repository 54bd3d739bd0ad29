using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// AutoAttack-style sanity checks, reported as warnings: the model checks of <see cref="AutoAttackChecks"/>
/// (probability outputs, randomness, gradients taken inside the forward pass, zero DLR gradients); at a budget that
/// allows anything, PGD-40 must take accuracy to near zero (else gradients may be masked); a black-box attack must not
/// beat a strong white-box one at the same budget. (Eval mode is enforced by the attack runner.)
/// </summary>
internal static class SanityChecks
{
    // Enough to tell near zero from not; the check costs about 1% of a CIFAR-10 sweep.
    private const int Images = 100;
    private const double NearZero = 0.05;

    // On 100 images, two of them.
    private const double BlackBoxTolerancePoints = 2;

    /// <summary>
    /// The checks for <paramref name="attack"/> on the first images of <paramref name="data"/>, timed, from the cache of
    /// <paramref name="options"/> where it holds them (and stored there otherwise), or skipped with a warning; run before the
    /// sweep's pass, so its memory does not add to the pass's peak.
    /// </summary>
    public static SanityCheckRun Run(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack attack,
        IReadOnlyList<double?> budgets, int batchSize, SanityCheckOptions? options)
    {
        options ??= SanityCheckOptions.Default;
        if (!options.Enabled)
            return new SanityCheckRun(SanityCheckStatus.Skipped, 0, 0, [SanityCheckRun.SkippedWarning], "");
        var clock = Stopwatch.StartNew();
        var subset = ml.Data.TakeRows(data, Images);
        string key = options.CacheFolder is null ? "" : SanityCheckCache.Key(classifier, attack, budgets, subset);
        if (key.Length > 0 && SanityCheckCache.TryRead(options.CacheFolder!, key) is { } cached)
            return new SanityCheckRun(SanityCheckStatus.Cached, clock.Elapsed.TotalSeconds, cached.RanSeconds, cached.Warnings, key);
        var warnings = Warnings(ml, classifier, subset, attack, budgets, batchSize);
        double seconds = clock.Elapsed.TotalSeconds;
        if (key.Length > 0)
            SanityCheckCache.Write(options.CacheFolder!, new CachedSanityChecks(key, warnings, seconds, DateTimeOffset.UtcNow, SanityCheckCache.Version));
        return new SanityCheckRun(SanityCheckStatus.Ran, seconds, seconds, warnings, key);
    }

    private static IReadOnlyList<string> Warnings(MLContext ml, TorchImageClassifier classifier, IDataView subset, IAttack attack,
        IReadOnlyList<double?> budgets, int batchSize)
    {
        var warnings = new List<string>(AutoAttackChecks.Run(classifier, subset, attack.IsWhiteBox));
        if (attack.IsWhiteBox && attack.Budget is not null)
        {
            // Carlini et al.'s check of the model's gradients: an iterative attack with a budget that allows
            // anything must fool nearly every image. PGD-40 in the attack's norm, not the attack itself, since
            // a single-step attack need not (FGSM at ε = 1 gives images of gradient signs, near chance).
            double huge = CarliniRules.UnboundedBudget(attack.Norm, classifier.InputShape);
            double accuracy = CarliniRules.Accuracy(ml, classifier, classifier, subset,
                new PgdAttack(new PgdAttackOptions { Epsilon = huge, Norm = attack.Norm, Steps = 40 }, attack.Settings), batchSize);
            if (accuracy > NearZero)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"PGD-40 ({attack.Norm}) at an unbounded budget ({huge:0.###}) still leaves accuracy {accuracy:P1} on {Images} images: gradients may be masked."));
        }
        if (!attack.IsWhiteBox && !classifier.IsBlackBox && budgets.Count > 1 && budgets[^1] is { } epsilon)
        {
            var whiteBox = new PgdAttack(new PgdAttackOptions { Epsilon = epsilon, Steps = 40 }, attack.Settings);
            double blackBox = CarliniRules.Accuracy(ml, classifier, classifier, subset, attack.WithBudget(epsilon), batchSize);
            double white = CarliniRules.Accuracy(ml, classifier, classifier, subset, whiteBox, batchSize);
            if (CarliniRules.Beats(blackBox, white, BlackBoxTolerancePoints))
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"black-box {attack.Name} ({blackBox:P1}) beats white-box PGD-40 ({white:P1}) at epsilon {epsilon:0.####} on {Images} images: the gradients may be unreliable."));
        }
        return warnings;
    }
}
