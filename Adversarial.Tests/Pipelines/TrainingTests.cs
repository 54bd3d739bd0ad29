using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Training;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Pipelines;

[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class TrainingTests
{
    [Fact]
    public void TrainingIsDeterministicForASeed()
    {
        using var folder = new TempFolder();
        var options = TrainingOptions.Mnist with { Epochs = 1, TrainLimit = 2000, Seed = 7 };
        var train = TestData.MnistTrain();
        var test = TestData.MnistTest();
        var first = AdamTrainer.Train(ArchitectureRegistry.LeNet, train, test, options, folder.File("a.bin"));
        var second = AdamTrainer.Train(ArchitectureRegistry.LeNet, train, test, options, folder.File("b.bin"));
        var otherSeed = AdamTrainer.Train(ArchitectureRegistry.LeNet, train, test, options with { Seed = 8 }, folder.File("c.bin"));

        Assert.Equal(first.WeightsSha256, second.WeightsSha256);
        Assert.NotEqual(first.WeightsSha256, otherSeed.WeightsSha256);
        Assert.True(first.TestAccuracy > 0.5, $"one epoch on 2000 images reached only {first.TestAccuracy}");
        using var loaded = TorchImageClassifier.LoadLeNet(folder.File("a.bin"));
        Assert.Equal(first.WeightsSha256, loaded.WeightsSha256);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void TheCifarResNetTrainsOnMnistThroughTheInputAdapterDeterministically()
    {
        using var folder = new TempFolder();
        var architecture = ArchitectureRegistry.CifarResNet;
        var options = NetworkTrainers.Recipe(architecture, DatasetRegistry.Mnist) with { Epochs = 1, TrainLimit = 512 };
        var first = NetworkTrainers.Train(architecture, TestData.MnistTrain(), TestData.MnistTest(), options, folder.File("a.bin"));
        var second = NetworkTrainers.Train(architecture, TestData.MnistTrain(), TestData.MnistTest(), options, folder.File("b.bin"));

        Assert.Equal(first.WeightsSha256, second.WeightsSha256);
        Assert.All(first.EpochLosses, loss => Assert.True(double.IsFinite(loss)));
        using var loaded = DatasetRegistry.Mnist.LoadClassifier(architecture, folder.File("a.bin"));
        Assert.Equal(new ImageShape(1, 28, 28), loaded.InputShape);
        Assert.Equal(architecture.InputShape, loaded.NetworkInputShape);
        Assert.Equal(first.WeightsSha256, loaded.WeightsSha256);
    }

    [Fact]
    public void AdversarialTrainingIsDeterministicAndMeasuresCleanAndPgdAccuracyEachEpoch()
    {
        using var folder = new TempFolder();
        var adversarial = new AdversarialTrainingOptions { Epsilon = 0.1, Steps = 3, EvaluationImages = 200, EvaluationSteps = 5 };
        var options = TrainingOptions.Mnist with { Epochs = 2, TrainLimit = 512, Seed = 3, Adversarial = adversarial };
        var reported = new List<EpochSummary>();
        var first = AdamTrainer.Train(ArchitectureRegistry.LeNet, TestData.MnistTrain(), TestData.MnistTest(), options, folder.File("a.bin"), epochs: new Progress(reported.Add));
        var second = AdamTrainer.Train(ArchitectureRegistry.LeNet, TestData.MnistTrain(), TestData.MnistTest(), options, folder.File("b.bin"));
        var fast = AdamTrainer.Train(ArchitectureRegistry.LeNet, TestData.MnistTrain(), TestData.MnistTest(),
            options with { Adversarial = adversarial with { Method = AdversarialTrainingMethod.FgsmRandomStart } }, folder.File("c.bin"));

        Assert.Equal(first.WeightsSha256, second.WeightsSha256);
        Assert.NotEqual(first.WeightsSha256, fast.WeightsSha256);
        Assert.Equal(first.Epochs, reported);
        Assert.Equal([1, 2], first.Epochs!.Select(e => e.Epoch));
        Assert.All(first.Epochs!, e =>
        {
            Assert.InRange(e.CleanAccuracy!.Value, 0, 1);
            Assert.InRange(e.RobustAccuracy!.Value, 0, e.CleanAccuracy!.Value);
        });
        var standard = AdamTrainer.Train(ArchitectureRegistry.LeNet, TestData.MnistTrain(), TestData.MnistTest(), options with { Adversarial = null, Epochs = 1 }, folder.File("d.bin"));
        Assert.All(standard.Epochs!, e => Assert.Null(e.RobustAccuracy));
    }

    /// <summary>Reports synchronously (System.Progress posts to the thread pool).</summary>
    private sealed class Progress(Action<EpochSummary> report) : IProgress<EpochSummary>
    {
        public void Report(EpochSummary value) => report(value);
    }

    [Fact]
    public void EachArchitectureAndDatasetGetsItsRecipe()
    {
        Assert.Same(TrainingOptions.Mnist, NetworkTrainers.Recipe(ArchitectureRegistry.LeNet, DatasetRegistry.Mnist));
        Assert.Same(TrainingOptions.Mnist, NetworkTrainers.Recipe(ArchitectureRegistry.LeNet, DatasetRegistry.Cifar10));
        Assert.True(NetworkTrainers.Recipe(ArchitectureRegistry.CifarResNet, DatasetRegistry.Cifar10).Augment);
        // Flipping a digit makes another digit: no crops and flips on MNIST.
        Assert.False(NetworkTrainers.Recipe(ArchitectureRegistry.CifarResNet, DatasetRegistry.Mnist).Augment);
        var error = Assert.Throws<ArgumentException>(() => AdamTrainer.Train(ArchitectureRegistry.LeNet, TestData.MnistTrain(), TestData.MnistTest(),
            TrainingOptions.Mnist with { Augment = true }, Path.Combine(Path.GetTempPath(), "never.bin")));
        Assert.Contains("Augment", error.Message);
    }

    [Fact]
    public void LoadingAMissingOrForeignWeightsFileNamesIt()
    {
        using var folder = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => TorchImageClassifier.LoadLeNet(folder.File("missing.bin")));
        File.WriteAllBytes(folder.File("junk.bin"), [1, 2, 3, 4, 5]);
        var error = Assert.ThrowsAny<Exception>(() => TorchImageClassifier.LoadLeNet(folder.File("junk.bin")));
        Assert.Contains("junk.bin", error.Message);
    }
}
