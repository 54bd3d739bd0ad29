using Microsoft.ML;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>
/// AutoAttack's model checks (autoattack/checks.py) as warnings: outputs that are probabilities by their values (even when
/// declared logits), randomized models, a forward pass that takes gradients itself, zero DLR gradients; none for a plain model.
/// </summary>
public sealed class AutoAttackChecksTests
{
    private static readonly string[] Digits = Enumerable.Range(0, 10).Select(d => $"{d}").ToArray();

    /// <summary>A linear model on MNIST whose forward pass can add noise, hide the input, end in a softmax, or take a gradient of its own.</summary>
    private sealed class Probe(string kind) : Module<Tensor, Tensor>(nameof(Probe))
    {
        private readonly Linear linear = Linear(784, 10);

        public Probe Init()
        {
            RegisterComponents();
            return this;
        }

        // A defence that moves its input along its own gradient before classifying (what check_dynamic looks for).
        private Tensor Dynamic(Tensor input)
        {
            using var gradients = enable_grad();
            var x = input.detach().requires_grad_(true);
            var gradient = autograd.grad([linear.call(x.flatten(1)).sum()], [x])[0];
            return linear.call((input + gradient.sign() * 0.01).flatten(1));
        }

        public override Tensor forward(Tensor input) => kind switch
        {
            "noisy" => linear.call(input.flatten(1) + randn_like(input.flatten(1)) * 0.5),
            "blind" => linear.call(input.flatten(1) * 0),
            "softmax" or "softmax-declared-logits" => functional.softmax(linear.call(input.flatten(1)), 1),
            "dynamic" => Dynamic(input),
            _ => linear.call(input.flatten(1)),
        };
    }

    private static IReadOnlyList<string> Warnings(string kind)
    {
        manual_seed(0);
        var output = kind == "softmax" ? ClassifierOutput.Probabilities : ClassifierOutput.Logits;
        using var classifier = new TorchImageClassifier(new Probe(kind).Init(), new ImageShape(1, 28, 28), Digits, output, kind);
        var ml = new MLContext(seed: 0);
        return AutoAttackChecks.Run(classifier, ml.Data.TakeRows(TestData.MnistTest(), 50), whiteBox: true);
    }

    [Fact]
    public void APlainModelGetsNoWarning()
    {
        Assert.Empty(Warnings("plain"));
        using var lenet = TorchImageClassifier.LoadLeNet();
        Assert.Empty(AutoAttackChecks.Run(lenet, new MLContext(seed: 0).Data.TakeRows(TestData.MnistTest(), 50), whiteBox: true));
        // Two of these 100 CIFAR images are misclassified with the true class third, where DLR is flat: the authors' check
        // never sees them (AutoAttack attacks correctly classified images only), and neither does ours.
        using var resnet = TorchImageClassifier.LoadCifarResNet();
        Assert.Empty(AutoAttackChecks.Run(resnet, new MLContext(seed: 0).Data.TakeRows(TestData.CifarTest(), 100), whiteBox: true));
    }

    [Theory]
    [InlineData("softmax", "outputs a probability distribution")]
    [InlineData("softmax-declared-logits", "outputs a probability distribution")]
    [InlineData("noisy", "seems randomized")]
    [InlineData("dynamic", "turns gradients on inside its own forward pass")]
    [InlineData("blind", "correctly classified images have an exactly zero DLR-loss gradient")]
    public void EachKindOfSuspiciousModelGetsItsWarning(string kind, string expected)
    {
        var warnings = Warnings(kind);
        Assert.Single(warnings);
        Assert.Contains(expected, warnings[0]);
    }
}
