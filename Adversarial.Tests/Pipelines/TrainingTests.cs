using MlNetAdversarial.Pipelines.Training;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class TrainingTests
{
    [Fact]
    public void TrainingIsDeterministicForASeed()
    {
        using var folder = new TempFolder();
        var options = TrainingOptions.Mnist with { Epochs = 1, TrainLimit = 2000, Seed = 7 };
        var train = TestData.MnistTrain();
        var test = TestData.MnistTest();
        var first = LeNetTrainer.Train(train, test, options, folder.File("a.bin"));
        var second = LeNetTrainer.Train(train, test, options, folder.File("b.bin"));
        var otherSeed = LeNetTrainer.Train(train, test, options with { Seed = 8 }, folder.File("c.bin"));

        Assert.Equal(first.WeightsSha256, second.WeightsSha256);
        Assert.NotEqual(first.WeightsSha256, otherSeed.WeightsSha256);
        Assert.True(first.TestAccuracy > 0.5, $"one epoch on 2000 images reached only {first.TestAccuracy}");
        using var loaded = TorchImageClassifier.LoadLeNet(folder.File("a.bin"));
        Assert.Equal(first.WeightsSha256, loaded.WeightsSha256);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp"));
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
