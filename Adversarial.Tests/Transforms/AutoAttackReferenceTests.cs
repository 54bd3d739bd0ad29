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
/// images, ε 0.3): APGD-CE and then APGD-T on all 1,000, each within 1 point of theirs; FAB-T and Square on the first
/// <see cref="FinalImages"/> of them, whose final robust accuracy lies inside the Wilson 95% interval of theirs on the same images.
/// </summary>
/// <remarks>
/// Every stage treats each image on its own (its random choices come from its row index), so running the later stages on
/// the images the APGD stages left robust is AutoAttack's own sequence; only its cost is split.
/// </remarks>
public sealed class AutoAttackReferenceTests(ITestOutputHelper output)
{
    // FAB-T and Square cost about four times the APGD stages on a robust model: they run on the first 250 images.
    private const int FinalImages = 250;
    private const int BatchSize = 125;

    private static JsonElement Reference => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures",
        "autoattack-reference-small-cnn.json"))).RootElement;

    [Fact]
    public void StandardAutoAttackMatchesTheAuthorsCodeOnTheRobustMnistModel()
    {
        var reference = Reference;
        Assert.Equal("standard", reference.GetProperty("version").GetString());
        Assert.Equal(SmallCnn.RobustMnistWeights, reference.GetProperty("model").GetString());
        int images = reference.GetProperty("images").GetInt32();
        var ml = new MLContext(seed: 0);
        var data = ml.Data.TakeRows(TestData.MnistTest(), images);
        float[] pixels = data.GetColumn<float[]>("Image").SelectMany(p => p).ToArray();
        long[] labels = data.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray();
        using var model = ArchitectureRegistry.SmallCnn.LoadFor("mnist", LeNet.InputShape, LeNet.ClassNames);
        foreach (var row in reference.GetProperty("epsilons").EnumerateArray())
        {
            double epsilon = row.GetProperty("epsilon").GetDouble();
            var stages = new AutoAttack(new AutoAttackOptions { Epsilon = epsilon }).Stages;
            var theirs = row.GetProperty("stages").EnumerateArray().ToArray();
            Assert.Equal(stages.Select(AutoAttack.StageName), theirs.Select(s => s.GetProperty("attack").GetString()));
            int?[] fooledBy = Run(model, pixels, labels, Enumerable.Range(0, images).ToArray(), stages.Take(2).ToArray());
            for (int stage = 0; stage < 2; stage++)
            {
                int ours = fooledBy.Count(f => f is null || f > stage), theirsCount = theirs[stage].GetProperty("robust").GetInt32();
                output.WriteLine($"eps {epsilon}: after {AutoAttack.StageName(stages[stage])} ours {ours} theirs {theirsCount} (of {images})");
                Assert.InRange(ours, theirsCount - images / 100, theirsCount + images / 100);
            }
            int[] survivors = Enumerable.Range(0, FinalImages).Where(i => fooledBy[i] is null).ToArray();
            int oursFinal = Run(model, pixels, labels, survivors, stages.Skip(2).ToArray()).Count(f => f is null);
            int theirsFinal = theirs[^1].GetProperty("robustImages").EnumerateArray().Count(i => i.GetInt32() < FinalImages);
            output.WriteLine($"eps {epsilon}: after all four stages ours {oursFinal} theirs {theirsFinal} (of the first {FinalImages})");
            var (low, high) = WilsonInterval.Compute(theirsFinal, FinalImages);
            Assert.InRange((double)oursFinal / FinalImages, low, high);
        }
    }

    /// <summary>The stages in sequence on the given rows, in batches; per row, the stage that fooled it (null: none).</summary>
    private static int?[] Run(TorchImageClassifier model, float[] pixels, long[] labels, int[] rows, IAttack[] stages)
    {
        var fooledBy = new List<int?>();
        for (int start = 0; start < rows.Length; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            int[] chunk = rows[start..Math.Min(rows.Length, start + BatchSize)];
            var images = tensor(chunk.SelectMany(r => pixels.AsSpan(r * 784, 784).ToArray()).ToArray(), [chunk.Length, 1, 28, 28]);
            var batch = new AttackBatch(model, images, tensor(chunk.Select(r => labels[r]).ToArray()), null, chunk.Select(r => (long)r).ToArray());
            fooledBy.AddRange(AutoAttack.RunSequence(batch, stages).FooledBy);
        }
        return fooledBy.ToArray();
    }
}
