using Microsoft.ML;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>The checks of Carlini et al. (2019): one line each, with numbers and a verdict that follows them.</summary>
[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class RobustnessChecksTests
{
    private const int Images = 100;

    private static (MLContext Ml, IDataView Data) Data()
    {
        var ml = new MLContext(seed: 0);
        return (ml, ml.Data.TakeRows(TestData.MnistTest(), Images));
    }

    [Fact]
    public void TheBlackBoxCheckCatchesPgdOverstatingTheRobustModel()
    {
        var (ml, data) = Data();
        using var robust = ArchitectureRegistry.SmallCnn.Load();
        using var standard = TorchImageClassifier.LoadLeNet();
        var attack = new PgdAttack(new PgdAttackOptions { Epsilon = 0.3, Steps = 40 });
        var checks = RobustnessChecks.Run(ml, robust, data, attack, 0.3, standard, batchSize: 100);
        Assert.Equal(["doubled steps and restarts", "unbounded budget reaches 0%", "black-box attack does not beat the white-box one",
            "transfer from a standard model does not beat the white-box attack"], checks.Select(c => c.Name));
        // Measured on these 100 images: PGD-40 97%, 96% with 80 steps and 2 restarts (1 point: noise), Square 93% — the
        // PGD-trained network resists gradients better than it resists a search, the sign the check is there for.
        Assert.Equal([CheckVerdict.Pass, CheckVerdict.Pass, CheckVerdict.Warn, CheckVerdict.Pass], checks.Select(c => c.Verdict));
        Assert.Contains("steps 80 and restarts 2", checks[0].Numbers);
        Assert.Contains("0.0%", checks[1].Numbers);
        Assert.Contains("Square", checks[2].Numbers);
        Assert.Contains(standard.Name, checks[3].Numbers);
    }

    [Fact]
    public void ForAutoAttackTheBlackBoxCheckIsTheAuthorsSquareCheckWithinTheSequence()
    {
        var (ml, data) = Data();
        using var lenet = TorchImageClassifier.LoadLeNet();
        var checks = RobustnessChecks.Run(ml, lenet, data, new AutoAttack(new AutoAttackOptions { Epsilon = 0.1 }), 0.1, null, batchSize: 100);
        // The authors' stages on these images: Square adds nothing after APGD-CE, APGD-T and FAB-T (their fixture: 59 → 59).
        Assert.Equal(CheckVerdict.Pass, checks[2].Verdict);
        Assert.Contains("after apgd-ce, apgd-t, fab", checks[2].Numbers);
        Assert.Contains("after Square in the sequence (0.0 points; AutoAttack warns above 0.2)", checks[2].Numbers);
    }

    [Fact]
    public void ASingleStepEvaluationIsFlaggedByDoublingItsSteps()
    {
        var (ml, data) = Data();
        using var lenet = TorchImageClassifier.LoadLeNet();
        var weak = new PgdAttack(new PgdAttackOptions { Epsilon = 0.1, Steps = 1, RandomStart = false });
        var checks = RobustnessChecks.Run(ml, lenet, data, weak, 0.1, standardModel: null, batchSize: 100);
        Assert.Equal(CheckVerdict.Warn, checks[0].Verdict);
        Assert.Contains("steps 2", checks[0].Numbers);
        Assert.Equal(CheckVerdict.NotApplicable, checks[3].Verdict);
    }

    [Fact]
    public void ChecksThatCannotApplySaySo()
    {
        var (ml, data) = Data();
        using var lenet = TorchImageClassifier.LoadLeNet();
        var checks = RobustnessChecks.Run(ml, lenet, data, new FgsmAttack(new FgsmAttackOptions()), 0.1, lenet, batchSize: 100);
        Assert.Equal(CheckVerdict.NotApplicable, checks[0].Verdict);
        Assert.Contains("no steps or restarts", checks[0].Numbers);
        Assert.Equal(CheckVerdict.NotApplicable, checks[3].Verdict);
        Assert.Contains("is the standard model", checks[3].Numbers);
        var square = RobustnessChecks.Run(ml, lenet, data, new SquareAttack(new SquareAttackOptions { Queries = 50 }), 0.1, null, batchSize: 100);
        Assert.Equal(CheckVerdict.NotApplicable, square[2].Verdict);
        Assert.Throws<ArgumentException>(() => RobustnessChecks.Run(ml, lenet, data, new DeepFoolAttack(new DeepFoolAttackOptions()), 0.1, null, 100));
    }
}
