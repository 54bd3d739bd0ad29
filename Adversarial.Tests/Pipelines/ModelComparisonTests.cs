using Microsoft.ML;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Regression;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Pipelines.Training;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>Model against model: paired per-image outcomes, McNemar and Newcombe, and the two-model regression assert.</summary>
public sealed class ModelComparisonTests
{
    private const int Images = 400;
    private static readonly SweepRequest Request = new("mnist", [0.1, 0.2]);

    private static (MLContext Ml, IDataView Data) Data()
    {
        var ml = new MLContext(seed: 0);
        return (ml, ml.Data.TakeRows(TestData.MnistTest(), Images));
    }

    [Fact]
    public void AModelAgainstItselfHasNoDiscordantImagesAndTheSingleSweepsCounts()
    {
        var (ml, data) = Data();
        using var a = TorchImageClassifier.LoadLeNet();
        using var b = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        var attack = new FgsmAttack(new FgsmAttackOptions());
        var comparison = ModelComparisonRunner.Run(ml, a, b, data, Request, attack);
        var single = AttackSweepRunner.Run(ml, a, data, Request, attack);

        Assert.Equal(single.Epsilons.Select(e => e.Correct), comparison.Rows.Select(r => r.CorrectA));
        Assert.All(comparison.Rows, r =>
        {
            Assert.Equal((0, 0), (r.OnlyA, r.OnlyB));
            Assert.Equal(r.CorrectA, r.CorrectB);
            Assert.Equal(1.0, r.McNemarTwoSidedP);
            Assert.Equal(0.0, r.Difference);
            Assert.True(r.DifferenceCi95Low < 0 && r.DifferenceCi95High > 0);
        });
        RobustnessAssert.NotLessRobustThan(comparison);
    }

    [Fact]
    public void AWeakerModelBIsSignificantlyLessRobustAndTheCellsAddUp()
    {
        using var folder = new TempFolder();
        var weak = AdamTrainer.Train(ArchitectureRegistry.LeNet, TestData.MnistTrain(), TestData.MnistTest(),
            TrainingOptions.Mnist with { Epochs = 1, TrainLimit = 1000, Seed = 3 }, folder.File("weak.bin"));
        var (ml, data) = Data();
        using var strong = TorchImageClassifier.LoadLeNet();
        using var weaker = TorchImageClassifier.LoadLeNet(weak.WeightsPath);
        var attack = new FgsmAttack(new FgsmAttackOptions());
        var comparison = ModelComparisonRunner.Run(ml, strong, weaker, data, Request, attack);

        foreach (var r in comparison.Rows)
        {
            Assert.Equal(Images, r.BothCorrect + r.OnlyA + r.OnlyB + r.NeitherCorrect);
            Assert.Equal(r.AccuracyA - r.AccuracyB, r.Difference, 12);
            Assert.Equal(NewcombePairedInterval.Compute(r.BothCorrect, r.OnlyA, r.OnlyB, r.NeitherCorrect), (r.Difference, r.DifferenceCi95Low, r.DifferenceCi95High));
            Assert.Equal(McNemarExact.OneSidedWorse(r.OnlyA, r.OnlyB), r.McNemarBLowerP);
        }
        var error = Assert.Throws<RobustnessRegressionException>(() => RobustnessAssert.NotLessRobustThan(comparison));
        Assert.Contains("SIGNIFICANTLY LESS ROBUST", error.Message);
        Assert.Contains("McNemar", error.Message);
        // The other way round, B is the stronger model: nothing to report.
        RobustnessAssert.NotLessRobustThan(ModelComparisonRunner.Run(ml, weaker, strong, data, Request, attack));
    }

    [Fact]
    public void ModelsOfDifferentImagesOrAnUnboundedAttackAreRefused()
    {
        var (ml, data) = Data();
        using var lenet = TorchImageClassifier.LoadLeNet();
        using var resnet = TorchImageClassifier.LoadCifarResNet();
        var shapes = Assert.Throws<ArgumentException>(() => ModelComparisonRunner.Run(ml, lenet, resnet, data, Request, new FgsmAttack(new FgsmAttackOptions())));
        Assert.Contains("1x28x28", shapes.Message);
        var unbounded = Assert.Throws<ArgumentException>(() => ModelComparisonRunner.Run(ml, lenet, lenet, data, Request, new DeepFoolAttack(new DeepFoolAttackOptions())));
        Assert.Contains("no budget", unbounded.Message);
    }
}
