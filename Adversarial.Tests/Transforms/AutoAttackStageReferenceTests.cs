using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using Xunit.Abstractions;
using Xunit.Sdk;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// Each stage of AutoAttack standard (APGD-CE, APGD-T, FAB-T, Square) and APGD-DLR, alone on the first MNIST test images,
/// against the authors' code run with three seeds (fra31/auto-attack, tools/autoattack_reference.py --version individual;
/// the fixtures record the commit), on LeNet (L∞ and L2) and the PGD-trained small CNN (L∞), and Square on its own with
/// square.py's defaults (--version square, 1,000 iterations, LeNet L∞ and L2): the images our stage fools
/// must be, on average, as close to each of their runs as their runs are to each other (<see cref="StageReference"/>). The
/// same check must fail when the stage is replaced by one that does nothing, so each test can tell a working stage from an
/// idle one.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class AutoAttackStageReferenceTests(ITestOutputHelper output)
{
    private const int BatchSize = 50;

    private static readonly string[] Fixtures =
    [
        "autoattack-individual-lenet-linf.json", "autoattack-individual-lenet-l2.json", "autoattack-individual-small-cnn-linf.json",
        "square-lenet-linf.json", "square-lenet-l2.json",
    ];

    public static TheoryData<string, int> Stages
    {
        get
        {
            var cases = new TheoryData<string, int>();
            foreach (string fixture in Fixtures)
                for (int stage = 0; stage < StageReference.Count(fixture); stage++)
                    cases.Add(fixture, stage);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void TheStageFoolsTheImagesTheAuthorsCodeFools(string fixture, int stage)
    {
        var (reference, attack, fooled) = Run(fixture, stage, null);
        output.WriteLine($"{fixture} {reference.Attack}: ours {fooled.Count}, theirs {string.Join("/", reference.FooledBySeed.Select(f => f.Length))}; "
            + $"mean distance {reference.MeanDistance(fooled):0.0}, their spread {reference.Spread} (commit {reference.Commit[..7]})");
        Assert.Equal(reference.Attack.StartsWith("square-", StringComparison.Ordinal) ? "square" : reference.Attack, AutoAttack.StageName(attack));
        reference.AssertAgrees(fooled, fixture);
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void TheCheckFailsWhenTheStageIsReplacedByOneThatDoesNothing(string fixture, int stage)
    {
        var (reference, _, fooled) = Run(fixture, stage, new DoNothingAttack());
        Assert.Empty(fooled);
        Assert.ThrowsAny<XunitException>(() => reference.AssertAgrees(fooled, fixture));
    }

    /// <summary>
    /// Our attack of the authors' name at the fixture's budget: AutoAttack's stages with its settings, APGD-DLR, or
    /// "square-N", Square alone with square.py's defaults for N iterations (its schedule rescaled).
    /// </summary>
    private static IAttack Ours(string name, double epsilon, PerturbationNorm norm) => name switch
    {
        "apgd-dlr" => new ApgdAttack(new ApgdAttackOptions { Epsilon = epsilon, Norm = norm, Loss = ApgdLoss.Dlr }),
        _ when name.StartsWith("square-", StringComparison.Ordinal) =>
            new SquareAttack(new SquareAttackOptions { Epsilon = epsilon, Norm = norm, Queries = int.Parse(name["square-".Length..], System.Globalization.CultureInfo.InvariantCulture) }),
        _ => new AutoAttack(new AutoAttackOptions { Epsilon = epsilon, Norm = norm }).Stages.Single(s => AutoAttack.StageName(s) == name),
    };

    private static (StageReference Reference, IAttack Attack, HashSet<int> Fooled) Run(string fixture, int stage, IAttack? replacement)
    {
        var (reference, epsilon, norm, model, images) = StageReference.Load(fixture, stage);
        var attack = replacement ?? Ours(reference.Attack, epsilon, norm == "L2" ? PerturbationNorm.L2 : PerturbationNorm.Linf);
        var (pixels, labels) = TestData.MnistTestArrays(images);
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
