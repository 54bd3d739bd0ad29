using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using Xunit.Abstractions;
using Xunit.Sdk;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// Each stage of AutoAttack standard (APGD-CE, APGD-T, FAB-T, Square), alone on the first 100 MNIST test images, against
/// the authors' code run with three seeds (fra31/auto-attack, tools/autoattack_reference.py --version individual; the
/// fixture records the commit): the images our stage fools must be, on average, as close to each of their runs as their runs
/// are to each other (<see cref="StageReference"/>). The same check must fail when the stage is replaced by one that does
/// nothing, so each test can tell a stage that works from one that does not.
/// </summary>
public abstract class AutoAttackStageReferenceTests(ITestOutputHelper output)
{
    private const int BatchSize = 50;

    /// <summary>The fixture file under Fixtures/.</summary>
    protected abstract string Fixture { get; }

    public static TheoryData<int> Stages => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(Stages))]
    public void TheStageFoolsTheImagesTheAuthorsCodeFools(int stage)
    {
        var (reference, attack, fooled) = Run(stage, null);
        output.WriteLine($"{Fixture} {reference.Attack}: ours {fooled.Count}, theirs {string.Join("/", reference.FooledBySeed.Select(f => f.Length))}; "
            + $"mean distance {reference.MeanDistance(fooled):0.0}, their spread {reference.Spread} (commit {reference.Commit[..7]})");
        Assert.Equal(reference.Attack, AutoAttack.StageName(attack));
        reference.AssertAgrees(fooled, Fixture);
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void TheCheckFailsWhenTheStageIsReplacedByOneThatDoesNothing(int stage)
    {
        var (reference, _, fooled) = Run(stage, new DoNothingAttack());
        Assert.Empty(fooled);
        Assert.ThrowsAny<XunitException>(() => reference.AssertAgrees(fooled, Fixture));
    }

    private (StageReference Reference, IAttack Attack, HashSet<int> Fooled) Run(int stage, IAttack? replacement)
    {
        var (reference, epsilon, norm, model, images) = StageReference.Load(Fixture, stage);
        var attack = replacement ?? new AutoAttack(new AutoAttackOptions
        {
            Epsilon = epsilon, Norm = norm == "L2" ? PerturbationNorm.L2 : PerturbationNorm.Linf,
        }).Stages[stage];
        var data = new MLContext(seed: 0).Data.TakeRows(TestData.MnistTest(), images);
        float[] pixels = data.GetColumn<float[]>("Image").SelectMany(p => p).ToArray();
        long[] labels = data.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray();
        using var classifier = model == SmallCnn.RobustMnistWeights
            ? ArchitectureRegistry.SmallCnn.LoadFor("mnist", LeNet.InputShape, LeNet.ClassNames)
            : TorchImageClassifier.LoadLeNet();
        var fooled = new HashSet<int>();
        var clean = new List<int>();
        for (int start = 0; start < images; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            int[] rows = Enumerable.Range(start, Math.Min(BatchSize, images - start)).ToArray();
            var batch = new AttackBatch(classifier, tensor(pixels.AsSpan(start * 784, rows.Length * 784).ToArray(), [rows.Length, 1, 28, 28]),
                tensor(rows.Select(r => labels[r]).ToArray()), null, rows.Select(r => (long)r).ToArray());
            var fooledBy = AutoAttack.RunSequence(batch, [attack]).FooledBy;
            fooled.UnionWith(rows.Where((_, k) => fooledBy[k] == 0));
            clean.AddRange(rows.Where((_, k) => fooledBy[k] != -1));
        }
        Assert.Equal(reference.Clean, clean);
        return (reference, attack, fooled);
    }
}

/// <summary>LeNet (standard training), L∞ ε 0.1.</summary>
public sealed class AutoAttackStageReferenceLeNetLinfTests(ITestOutputHelper output) : AutoAttackStageReferenceTests(output)
{
    protected override string Fixture => "autoattack-individual-lenet-linf.json";
}

/// <summary>LeNet (standard training), L2 ε 1.</summary>
public sealed class AutoAttackStageReferenceLeNetL2Tests(ITestOutputHelper output) : AutoAttackStageReferenceTests(output)
{
    protected override string Fixture => "autoattack-individual-lenet-l2.json";
}

/// <summary>The PGD-trained small CNN, L∞ ε 0.3.</summary>
public sealed class AutoAttackStageReferenceSmallCnnLinfTests(ITestOutputHelper output) : AutoAttackStageReferenceTests(output)
{
    protected override string Fixture => "autoattack-individual-small-cnn-linf.json";
}
