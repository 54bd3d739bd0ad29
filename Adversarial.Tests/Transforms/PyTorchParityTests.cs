using System.Text.Json;
using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// Our FGSM sweep against PyTorch's on the same weights and data (fixture made by tools/pytorch_parity.py
/// with Debian's PyTorch 1.13). Our attack objective re-centres the log-probabilities (see
/// AttackMath.ObjectiveGradient), so its gradient signs are the exact ones: its counts equal PyTorch's
/// float64 FGSM, and PyTorch's float32 FGSM with the same re-centring, at every ε. The tutorial's plain
/// float32 FGSM differs beyond ε = 0.1 because float32 rounds p_y − 1 of confident images to a multiple
/// of 6e-8, as large as its exact value; the fixture keeps those counts to show it.
/// </summary>
public sealed class PyTorchParityTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch-parity.json"))).RootElement;

    private static int[] Ints(string name) => Fixture.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    [Fact]
    public void FgsmSweepEqualsPyTorchsExactGradientCountsAtEveryEpsilon()
    {
        var epsilons = Fixture.GetProperty("epsilons").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(DatasetRegistry.Mnist.DefaultEpsilons, epsilons);
        using var model = TorchImageClassifier.LoadLeNet();
        var result = AttackSweepRunner.Run(new MLContext(0), model, TestData.MnistTest(), new SweepRequest("mnist", epsilons),
            new FgsmAttack(new FgsmAttackOptions()));
        var ours = result.Epsilons.Select(r => r.Correct).ToArray();
        Assert.Equal(Ints("float64"), ours);
        Assert.Equal(Ints("float32Recentred"), ours);
    }
}
