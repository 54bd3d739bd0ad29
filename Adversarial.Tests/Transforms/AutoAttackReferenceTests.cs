using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// AutoAttack "standard" against the authors' code (fra31/auto-attack with version="standard", run by
/// tools/autoattack_reference.py with PyTorch 1.13 on the shipped adversarially trained small CNN, first 1,000 MNIST test
/// images, ε 0.3): on the first <see cref="Images"/> of them, each APGD stage within 1 point of theirs on the same images,
/// the final robust accuracy inside the Wilson 95% interval of theirs.
/// </summary>
public sealed class AutoAttackReferenceTests(ITestOutputHelper output)
{
    // The fixture holds 1,000 images with per-image outcomes; the test attacks the first 250 (about 2 minutes here).
    private const int Images = 250;
    private const int BatchSize = 125;

    private static JsonElement Reference => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures",
        "autoattack-reference-small-cnn.json"))).RootElement;

    [Fact]
    public void StandardAutoAttackMatchesTheAuthorsCodeOnTheRobustMnistModel()
    {
        var reference = Reference;
        Assert.Equal("standard", reference.GetProperty("version").GetString());
        Assert.Equal(SmallCnn.RobustMnistWeights, reference.GetProperty("model").GetString());
        var ml = new MLContext(seed: 0);
        var data = ml.Data.TakeRows(TestData.MnistTest(), Images);
        float[] pixels = data.GetColumn<float[]>("Image").SelectMany(p => p).ToArray();
        long[] labels = data.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray();
        using var model = ArchitectureRegistry.SmallCnn.LoadFor("mnist", LeNet.InputShape, LeNet.ClassNames);
        foreach (var row in reference.GetProperty("epsilons").EnumerateArray())
        {
            double epsilon = row.GetProperty("epsilon").GetDouble();
            var attack = new AutoAttack(new AutoAttackOptions { Epsilon = epsilon });
            var fooledBy = new List<int?>();
            for (int start = 0; start < Images; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = new AttackBatch(model, tensor(pixels.AsSpan(start * 784, BatchSize * 784).ToArray(), [BatchSize, 1, 28, 28]),
                    tensor(labels.AsSpan(start, BatchSize).ToArray()), null, Enumerable.Range(start, BatchSize).Select(i => (long)i).ToArray());
                fooledBy.AddRange(attack.RunStaged(batch).FooledBy);
            }
            var stages = row.GetProperty("stages").EnumerateArray().ToArray();
            Assert.Equal(attack.Stages.Select(AutoAttack.StageName), stages.Select(s => s.GetProperty("attack").GetString()));
            for (int stage = 0; stage < stages.Length; stage++)
            {
                int theirs = stages[stage].GetProperty("robustImages").EnumerateArray().Count(i => i.GetInt32() < Images);
                int ours = fooledBy.Count(f => f is null || f > stage);
                output.WriteLine($"eps {epsilon}: after {AutoAttack.StageName(attack.Stages[stage])} ours {ours} theirs {theirs} (of {Images})");
                if (attack.Stages[stage] is ApgdAttack or ApgdTargetedAttack)
                    Assert.InRange(ours, theirs - Images / 100, theirs + Images / 100);
                if (stage == stages.Length - 1)
                {
                    var (low, high) = WilsonInterval.Compute(theirs, Images);
                    Assert.InRange((double)ours / Images, low, high);
                }
            }
        }
    }
}
