using MlNetAdversarial.Transforms.Torch;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// The model checks of AutoAttack (Croce and Hein, 2020; autoattack/checks.py of the authors' code), as report warnings:
/// a model whose output is a probability distribution (softmax saturates the gradients attacks follow), a randomized
/// model (its outputs differ between identical calls: evaluate it with expectation over transformation), and images
/// whose loss gradient is exactly zero (gradient-based attacks cannot move them).
/// </summary>
internal static class AutoAttackChecks
{
    private const int Calls = 5;
    private const double RandomizedTolerance = 1e-4;

    /// <summary>The warnings for <paramref name="classifier"/> on <paramref name="data"/> (a small subset of the images).</summary>
    public static IReadOnlyList<string> Run(TorchImageClassifier classifier, IDataView data, bool whiteBox)
    {
        var warnings = new List<string>();
        if (classifier.Output == ClassifierOutput.Probabilities)
            warnings.Add($"{classifier.Name} outputs probabilities (a softmax last): its loss gradients saturate and attacks can look stronger "
                + "defences than they are; give the logits where the model can (AutoAttack's check).");
        using var scope = NewDisposeScope();
        var (images, labels) = Tensors(classifier, data);
        if (images.shape[0] == 0)
            return warnings;
        double spread = 0;
        Tensor? first = null;
        using (no_grad())
        {
            for (int call = 0; call < Calls; call++)
            {
                var scores = classifier.LogProbabilities(images);
                var normalized = scores / AttackMath.L2Norms(scores).reshape(-1, 1).Plus(Scalars.Of(1e-10));
                if (first is null)
                    first = normalized;
                else
                    spread = Math.Max(spread, AttackMath.L2Norms(normalized - first).max().item<float>());
            }
        }
        if (spread > RandomizedTolerance)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{classifier.Name} gives different outputs for the same images ({spread:0.###e+00} apart over {Calls} calls): it seems randomized; "
                + $"evaluate it with expectation over transformation (AutoAttack's version rand) rather than single gradients."));
        if (whiteBox)
        {
            var gradient = AttackMath.ObjectiveGradient(classifier, images, labels, null);
            long zero = gradient.flatten(1).abs().sum(1).eq(Scalars.Zero).sum().item<long>();
            if (zero > 0)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{zero} of {images.shape[0]} images have an exactly zero loss gradient: gradient-based attacks cannot move them, so their "
                    + $"robust accuracy may be overstated (try a black-box attack such as square)."));
        }
        return warnings;
    }

    private static (Tensor Images, Tensor Labels) Tensors(TorchImageClassifier classifier, IDataView data)
    {
        var pixels = data.GetColumn<float[]>(AdversarialColumns.Image).ToArray();
        var labels = data.GetColumn<uint>(AdversarialColumns.Label).Select(k => (long)k - 1).ToArray();
        var flat = new float[pixels.Length * classifier.InputShape.Size];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i].CopyTo(flat, i * classifier.InputShape.Size);
        return (tensor(flat, classifier.InputShape.BatchShape(pixels.Length), device: classifier.Device),
            tensor(labels, device: classifier.Device));
    }
}
