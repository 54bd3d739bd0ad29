using MlNetAdversarial.Transforms.Attacks;
using Microsoft.ML;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Regression;
using MlNetAdversarial.Pipelines.Training;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>
/// The way a user guards a model's robustness in CI: sweep, then compare with a committed baseline
/// (written by 'adversarial sweep --json' + 'adversarial baseline').
/// </summary>
public sealed class RobustnessRegressionTests
{
    private static readonly string BaselinePath = Path.Combine(AppContext.BaseDirectory, "Baselines", "mnist-lenet-fgsm-1000.json");

    private static SweepResult Sweep(TorchImageClassifier model)
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.TakeRows(TestData.MnistTest(), 1000);
        return AttackSweepRunner.Run(ml, model, data, new SweepRequest("mnist", [0.1, 0.2, 0.3]), new FgsmAttack(new FgsmAttackOptions()));
    }

    [Fact]
    public void TheShippedLeNetIsNotLessRobustThanItsBaseline()
    {
        using var model = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        RobustnessAssert.NotLessRobust(Sweep(model), RobustnessBaseline.Load(BaselinePath));
    }

    [Fact]
    public void AWeakerModelFailsWithBothTablesAndThePValues()
    {
        using var folder = new TempFolder();
        var weak = AdamTrainer.Train(ArchitectureRegistry.LeNet, TestData.MnistTrain(), TestData.MnistTest(),
            TrainingOptions.Mnist with { Epochs = 1, TrainLimit = 1000, Seed = 3 }, folder.File("weak.bin"));
        using var model = TorchImageClassifier.LoadLeNet(weak.WeightsPath);
        var error = Assert.Throws<RobustnessRegressionException>(() =>
            RobustnessAssert.NotLessRobust(Sweep(model), RobustnessBaseline.Load(BaselinePath)));
        Assert.Contains("SIGNIFICANTLY LOWER", error.Message);
        Assert.Contains("821 / 1000", error.Message);
        Assert.Contains("Fisher", error.Message);
    }

    [Fact]
    public void BaselinesRoundTripThroughTheirFile()
    {
        using var folder = new TempFolder();
        var baseline = RobustnessBaseline.Load(BaselinePath);
        baseline.Save(folder.File("copy.json"));
        var copy = RobustnessBaseline.Load(folder.File("copy.json"));
        Assert.Equal(baseline.Epsilons, copy.Epsilons);
        Assert.Equal(baseline.ModelSha256, copy.ModelSha256);
    }
}
