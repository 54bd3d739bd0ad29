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
/// outputs that are a probability distribution by their values (check_range_output: softmax saturates the gradients attacks
/// follow, however the model's output is declared), a randomized model (check_randomized: the correct count or the
/// normalized outputs differ between identical calls), a forward pass that turns gradients on itself (check_dynamic, which
/// traces calls to autograd in the forward pass), and images whose DLR-loss gradient is exactly zero
/// among the images classified correctly (check_zero_gradients, which the authors run on the first gradient of every DLR
/// stage, on the images AutoAttack attacks).
/// </summary>
internal static class AutoAttackChecks
{
    private const int Calls = 5;
    private const double RandomizedTolerance = 1e-4;
    private const double ProbabilityTolerance = 1e-5;

    /// <summary>The warnings for <paramref name="classifier"/> on <paramref name="data"/> (a small subset of the images).</summary>
    public static IReadOnlyList<string> Run(TorchImageClassifier classifier, IDataView data, bool whiteBox)
    {
        var warnings = new List<string>();
        using var scope = NewDisposeScope();
        var (images, labels) = Tensors(classifier, data);
        if (images.shape[0] == 0)
            return warnings;
        var outputs = new List<Tensor>();
        var correct = new List<long>();
        Tensor? raw = null;
        using (no_grad())
        {
            for (int call = 0; call < Calls; call++)
            {
                var output = classifier.Outputs(images);
                raw ??= output;
                correct.Add(output.argmax(1).eq(labels).sum().item<long>());
                outputs.Add(output / AttackMath.L2Norms(output).reshape(-1, 1).Plus(Scalars.Of(1e-10)));
            }
        }
        if (!classifier.IsBlackBox && IsProbabilityDistribution(raw!))
            warnings.Add($"{classifier.Name} outputs a probability distribution (values in [0, 1] summing to 1: a softmax last): its loss gradients "
                + "saturate and attacks can look stronger defences than they are; give the logits where the model can (AutoAttack's check).");
        double spread = 0;
        for (int a = 0; a < Calls - 1; a++)
            for (int b = a + 1; b < Calls; b++)
                spread = Math.Max(spread, AttackMath.L2Norms(outputs[a] - outputs[b]).max().item<float>());
        if (spread > RandomizedTolerance || correct.Any(c => c != correct[^1]))
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{classifier.Name} gives different outputs for the same images ({spread:0.###e+00} apart, {correct.Min()} to {correct.Max()} correct over {Calls} calls): "
                + $"it seems randomized; evaluate it with expectation over transformation (AutoAttack's version rand) rather than single gradients."));
        if (!classifier.IsBlackBox && classifier.EnablesGradientsInForward(images))
            warnings.Add($"{classifier.Name} turns gradients on inside its own forward pass: it seems a dynamic defence, "
                + "for which AutoAttack's evaluation may be insufficient (AutoAttack's check).");
        // The authors' check sees the images AutoAttack attacks: those classified correctly (for the others DLR can be flat,
        // where the true class ranks third, and nothing needs to move them).
        var attacked = raw!.argmax(1).eq(labels).nonzero().flatten();
        if (whiteBox && attacked.shape[0] > 0)
        {
            var gradient = DlrGradient(classifier, images.index_select(0, attacked), labels.index_select(0, attacked));
            long zero = gradient.flatten(1).abs().sum(1).eq(Scalars.Zero).sum().item<long>();
            if (zero > 0)
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{zero} of {attacked.shape[0]} correctly classified images have an exactly zero DLR-loss gradient: gradient-based attacks cannot "
                    + $"move them, so their robust accuracy may be overstated (try a black-box attack such as square)."));
        }
        return warnings;
    }

    private static bool IsProbabilityDistribution(Tensor output) =>
        output.max().item<float>() < 1 + ProbabilityTolerance && output.min().item<float>() > -ProbabilityTolerance
        && (output.sum(1) - Scalars.One).abs().lt(Scalars.Of(ProbabilityTolerance)).all().item<bool>();

    private static Tensor DlrGradient(TorchImageClassifier classifier, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var gradients = enable_grad();
        var input = images.detach().requires_grad_(true);
        var loss = ApgdLosses.Dlr(classifier.LogProbabilities(input), labels).sum();
        return autograd.grad([loss], [input])[0].MoveToOuterDisposeScope();
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
