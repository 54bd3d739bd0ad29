using System.Runtime.InteropServices;
using MlNetAdversarial.Transforms.Attacks;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// CW-L2's confidence κ as Carlini's l2_attack.py reads it (compare(): the true class must trail by κ): every example it
/// returns in place of the clean image has a margin below −κ, and a larger κ costs a larger perturbation.
/// </summary>
public sealed class CarliniWagnerConfidenceTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private const int Rows = 32;

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    public void EveryKeptExampleClearsTheConfidenceMargin(double confidence)
    {
        var (margins, changed, _) = Run(confidence);
        Assert.True(changed.Count(c => c) >= Rows / 2, $"κ {confidence}: only {changed.Count(c => c)} of {Rows} changed");
        for (int i = 0; i < Rows; i++)
            Assert.True(!changed[i] || margins[i] < -confidence, $"image {i}: margin {margins[i]} with κ {confidence}");
    }

    [Fact]
    public void AHigherConfidenceCostsALargerPerturbation()
    {
        var (_, changedAtZero, distancesAtZero) = Run(0);
        var (_, changedAtThree, distancesAtThree) = Run(3);
        var both = Enumerable.Range(0, Rows).Where(i => changedAtZero[i] && changedAtThree[i]).ToArray();
        Assert.NotEmpty(both);
        Assert.True(both.Average(i => distancesAtThree[i]) > both.Average(i => distancesAtZero[i]));
    }

    private (float[] Margins, bool[] Changed, float[] Distances) Run(double confidence)
    {
        var (pixels, labels) = TestData.MnistTestArrays(Rows);
        using var scope = NewDisposeScope();
        var images = tensor(pixels, [Rows, 1, 28, 28]);
        var attack = new CarliniWagnerL2Attack(new CarliniWagnerL2AttackOptions { Confidence = confidence, BinarySearchSteps = 3, Steps = 60 });
        var result = AttackRunner.Run(attack, fixture.Classifier, images, tensor(labels), Enumerable.Range(0, Rows).Select(i => (long)i).ToArray());
        using var inference = inference_mode();
        var margin = AttackMath.Margin(fixture.Classifier.LogProbabilities(result.Adversarial), tensor(labels), null);
        var distance = (result.Adversarial - images).flatten(1).square().sum(1).sqrt();
        float[] d = MemoryMarshal.Cast<byte, float>(distance.contiguous().bytes).ToArray();
        return (MemoryMarshal.Cast<byte, float>(margin.contiguous().bytes).ToArray(), d.Select(v => v > 0).ToArray(), d);
    }
}
