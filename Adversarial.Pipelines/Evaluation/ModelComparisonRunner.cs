using Microsoft.ML;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Compares two models' robustness on the same images: the attack runs on each model in turn (white-box on each, the
/// same ε list and seed), and the per-image outcomes are paired, so the test is McNemar's on the images where the
/// models disagree rather than a comparison of two independent accuracies.
/// </summary>
public static class ModelComparisonRunner
{
    /// <summary>Runs the comparison.</summary>
    /// <param name="ml">The context.</param>
    /// <param name="modelA">Model A (the reference).</param>
    /// <param name="modelB">Model B.</param>
    /// <param name="data">The images (both models must take their shape).</param>
    /// <param name="request">Dataset name, ε list (0 is added), batch size, seed.</param>
    /// <param name="attack">The attack; minimal-perturbation attacks have no ε and are refused.</param>
    /// <param name="progress">Receives images done, A's pass then B's.</param>
    /// <param name="cancellation">Stops between batches.</param>
    public static ModelComparison Run(MLContext ml, TorchImageClassifier modelA, TorchImageClassifier modelB, IDataView data, SweepRequest request,
        IAttack attack, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(modelA);
        ArgumentNullException.ThrowIfNull(modelB);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attack);
        if (attack.Budget is null)
            throw new ArgumentException($"{attack.Name} has no budget; compare models under a bounded attack (fgsm, pgd, apgd-ce, …).", nameof(attack));
        if (modelA.InputShape != modelB.InputShape)
            throw new ArgumentException($"Model A takes {modelA.InputShape} images and model B {modelB.InputShape}; compare models of the same data.", nameof(modelB));
        if (modelA.ClassCount != modelB.ClassCount)
            throw new ArgumentException($"Model A has {modelA.ClassCount} classes and model B {modelB.ClassCount}.", nameof(modelB));
        using var a = AttackSweepRunner.Outcomes(ml, modelA, data, request, attack, progress, cancellation);
        using var b = AttackSweepRunner.Outcomes(ml, modelB, data, request, attack, progress, cancellation);
        var rows = a.Epsilons.Select((epsilon, e) => Row(epsilon!.Value, a.PerEpsilon[e], b.PerEpsilon[e])).ToArray();
        return new ModelComparison(request.Dataset, modelA.Name, modelA.WeightsSha256, modelB.Name, modelB.WeightsSha256, attack.Name, request.Seed, rows);
    }

    private static ComparisonRow Row(double epsilon, ScoredColumns a, ScoredColumns b)
    {
        if (a.Count != b.Count)
            throw new InvalidOperationException($"Model A was scored on {a.Count} images and model B on {b.Count}.");
        int both = 0, onlyA = 0, onlyB = 0, neither = 0;
        for (int i = 0; i < a.Count; i++)
        {
            if (a.Label(i) != b.Label(i))
                throw new InvalidOperationException($"Image {i} has label {a.Label(i)} in A's pass and {b.Label(i)} in B's.");
            (bool okA, bool okB) = (a.IsCorrect(i), b.IsCorrect(i));
            if (okA && okB) both++;
            else if (okA) onlyA++;
            else if (okB) onlyB++;
            else neither++;
        }
        var (difference, low, high) = NewcombePairedInterval.Compute(both, onlyA, onlyB, neither);
        return new ComparisonRow(epsilon, a.Count, both + onlyA, both + onlyB, both, onlyA, onlyB, neither, difference, low, high,
            McNemarExact.TwoSided(onlyA, onlyB), McNemarExact.OneSidedWorse(onlyA, onlyB));
    }
}
