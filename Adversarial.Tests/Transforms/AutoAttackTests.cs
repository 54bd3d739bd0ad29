using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class AutoAttackTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private const int Rows = 200;

    private AttackBatch Batch(int rows = Rows)
    {
        var data = fixture.Ml.Data.TakeRows(fixture.Data, rows);
        float[] pixels = data.GetColumn<float[]>("Image").SelectMany(p => p).ToArray();
        long[] labels = data.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray();
        return new AttackBatch(fixture.Classifier, tensor(pixels, [rows, 1, 28, 28]), tensor(labels), null,
            Enumerable.Range(0, rows).Select(i => (long)i).ToArray());
    }

    private bool[] Correct(Tensor images, Tensor labels)
    {
        using var inference = inference_mode();
        using var correct = fixture.Classifier.LogProbabilities(images).argmax(1).eq(labels).to(ScalarType.Byte).contiguous();
        return correct.bytes.ToArray().Select(b => b != 0).ToArray();
    }

    private static float[] Pixels(Tensor images) => MemoryMarshal.Cast<byte, float>(images.contiguous().bytes).ToArray();

    [Fact]
    public void StandardRunsTheAuthorsStagesInOrder()
    {
        var linf = new AutoAttack(new AutoAttackOptions { Epsilon = 0.1 });
        Assert.Equal(["apgd-ce", "apgd-t", "fab", "square"], linf.Stages.Select(AutoAttack.StageName));
        var square = Assert.IsType<SquareAttack>(linf.Stages[3]);
        // autoattack.py: SquareAttack(p_init=.8, n_queries=5000, resc_schedule=False).
        Assert.Equal((5000, 0.8, false), (square.Options.Queries, square.Options.InitialFraction, square.Options.RescaleSchedule));
        var l2 = new AutoAttack(new AutoAttackOptions { Epsilon = 1, Norm = PerturbationNorm.L2 });
        Assert.Equal(["apgd-ce", "apgd-t", "fab", "square"], l2.Stages.Select(AutoAttack.StageName));
        Assert.All(l2.Stages, s => Assert.Equal(PerturbationNorm.L2, s.Norm));
        Assert.All(linf.Stages, s => Assert.Equal(0.1, s.Budget));
        Assert.Equal(9, Assert.IsType<ApgdTargetedAttack>(linf.Stages[1]).Options.TargetClasses);
        Assert.Equal(9, Assert.IsType<FabAttack>(linf.Stages[2]).Options.TargetClasses);
        var rand = new AutoAttack(new AutoAttackOptions { Epsilon = 0.1, Version = AutoAttackVersion.Rand });
        Assert.Equal(["apgd-ce", "apgd-dlr"], rand.Stages.Select(AutoAttack.StageName));
        Assert.All(rand.Stages, s => Assert.Equal(20, Assert.IsType<ApgdAttack>(s).Options.EotDraws));
        Assert.Equal("apgd-ce → apgd-t → fab → square", linf.Parameters["stages"]);
    }

    [Fact]
    public void EachImageIsFooledByTheFirstStageThatSucceedsAndKeepsThatExample()
    {
        var batch = Batch();
        var staged = new AutoAttack(new AutoAttackOptions { Epsilon = 0.08 }).RunStaged(batch);
        bool[] clean = Correct(batch.Images, batch.Labels), after = Correct(staged.Adversarial, batch.Labels);
        for (int i = 0; i < Rows; i++)
        {
            Assert.Equal(!clean[i], staged.FooledBy[i] == -1);
            Assert.Equal(staged.FooledBy[i] is null, after[i]);
        }
        // At this budget on LeNet every stage has work: APGD-CE fools most, APGD-T some of the rest.
        Assert.Contains(0, staged.FooledBy.Cast<int?>());
        Assert.Contains(1, staged.FooledBy.Cast<int?>());
        var linf = (staged.Adversarial - batch.Images).abs().max().item<float>();
        Assert.True(linf <= 0.08 + 1e-6, $"L∞ {linf} over the budget");

        var alone = new ApgdAttack(new ApgdAttackOptions { Epsilon = 0.08 }).Run(batch).Adversarial;
        Assert.True(after.Count(c => c) <= Correct(alone, batch.Labels).Count(c => c), "AutoAttack left more images robust than its first stage alone");
    }

    [Fact]
    public void AnEotStepTakesTheLastDrawsLossWithTheAveragedGradient()
    {
        // The authors' APGD averages only the gradient over draws; the loss that steers the best point is the last draw's.
        using var noisy = new TorchImageClassifier(new NoisyLeNet(fixture.Classifier), LeNet.InputShape, LeNet.ClassNames, ClassifierOutput.LogProbabilities, "noisy");
        var batch = Batch(rows: 16);
        using var scope = NewDisposeScope();
        var rows = arange(16L);
        var (_, logProbabilities, loss) = AutoPgd.LossAndGradient(noisy, batch.Images, rows,
            (lp, r) => ApgdLosses.CrossEntropy(lp, batch.Labels.index_select(0, r), null), draws: 5);
        var lastDraws = ApgdLosses.CrossEntropy(logProbabilities, batch.Labels, null);
        Assert.True((loss - lastDraws).abs().max().item<float>() == 0, "the loss is not the last draw's");
    }

    /// <summary>LeNet with noise on its input: a randomized model, whose draws differ.</summary>
    private sealed class NoisyLeNet(TorchImageClassifier lenet) : TorchSharp.torch.nn.Module<Tensor, Tensor>(nameof(NoisyLeNet))
    {
        public override Tensor forward(Tensor input) => lenet.LogProbabilities(input + randn_like(input) * 0.3);
    }

    [Fact]
    public void AveragingTheGradientOverDrawsOfADeterministicModelChangesNothing()
    {
        var batch = Batch(rows: 32);
        var once = new ApgdAttack(new ApgdAttackOptions { Epsilon = 0.1, Steps = 20 }).Run(batch).Adversarial;
        var averaged = new ApgdAttack(new ApgdAttackOptions { Epsilon = 0.1, Steps = 20, EotDraws = 3 }).Run(batch).Adversarial;
        float[] a = Pixels(once), b = Pixels(averaged);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-6, $"pixel {i}: {a[i]} with one draw, {b[i]} averaged over three");
    }

    [Fact]
    public void FabFindsSmallerPerturbationsThanItsBudgetOnMostFooledImages()
    {
        // FAB minimizes the norm: with a loose budget, its examples lie well inside it (a fixed-step attack's sit on its edge).
        var batch = Batch(rows: 64);
        var fab = new FabAttack(new FabAttackOptions { Epsilon = 0.3, TargetClasses = 3, Steps = 50 }, AttackSettings.Default with { EarlyStop = false });
        var adversarial = fab.Run(batch).Adversarial;
        bool[] clean = Correct(batch.Images, batch.Labels), after = Correct(adversarial, batch.Labels);
        var norms = Pixels((adversarial - batch.Images).abs().flatten(1).max(1).values);
        var fooled = Enumerable.Range(0, 64).Where(i => clean[i] && !after[i]).ToArray();
        Assert.True(fooled.Length > 50, $"FAB fooled only {fooled.Length} of 64 at ε 0.3");
        Assert.True(fooled.Count(i => norms[i] < 0.2) > 0.9 * fooled.Length, "FAB's examples are not minimal");
    }

    [Fact]
    public void TargetedSettingsAreRefused()
    {
        var targeted = AttackSettings.Default with { Targeting = AttackTargeting.RandomOther };
        Assert.Contains("untargeted", Assert.Throws<ArgumentException>(() => new AutoAttack(new AutoAttackOptions(), targeted)).Message);
        Assert.Contains("untargeted", Assert.Throws<ArgumentException>(() => new FabAttack(new FabAttackOptions(), targeted)).Message);
    }
}
