using Microsoft.ML;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>AutoAttack's model checks as warnings: probability outputs, randomized models, zero gradients; none for a plain model.</summary>
public sealed class AutoAttackChecksTests
{
    private static readonly string[] Digits = Enumerable.Range(0, 10).Select(d => $"{d}").ToArray();

    /// <summary>A linear model on MNIST whose forward pass can add noise, hide the input, or end in a softmax.</summary>
    private sealed class Probe(string kind) : Module<Tensor, Tensor>(nameof(Probe))
    {
        private readonly Linear linear = Linear(784, 10);

        public Probe Init()
        {
            RegisterComponents();
            return this;
        }

        public override Tensor forward(Tensor input) => kind switch
        {
            "noisy" => linear.call(input.flatten(1) + randn_like(input.flatten(1)) * 0.5),
            "blind" => linear.call(input.flatten(1) * 0),
            "softmax" => functional.softmax(linear.call(input.flatten(1)), 1),
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
    }

    [Theory]
    [InlineData("softmax", "outputs probabilities")]
    [InlineData("noisy", "seems randomized")]
    [InlineData("blind", "50 of 50 images have an exactly zero loss gradient")]
    public void EachKindOfSuspiciousModelGetsItsWarning(string kind, string expected)
    {
        var warnings = Warnings(kind);
        Assert.Single(warnings);
        Assert.Contains(expected, warnings[0]);
    }
}
