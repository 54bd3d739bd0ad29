using MlNetAdversarial.Transforms.Attacks;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Transforms;

[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class CifarModelTests(CifarModelFixture fixture) : IClassFixture<CifarModelFixture>
{
    [Fact]
    public void ShippedNetworkReachesEightyPercentOnTheWholeTestSet()
    {
        var scored = fixture.Ml.Transforms.ScoreImages(fixture.Classifier).Fit(fixture.FullTest).Transform(fixture.FullTest);
        var metrics = fixture.Ml.MulticlassClassification.Evaluate(scored);
        Assert.True(metrics.MicroAccuracy >= 0.80, $"clean CIFAR-10 test accuracy {metrics.MicroAccuracy:P2}");
    }

    [Fact]
    public void FgsmAtEightOver255DropsAccuracySignificantly()
    {
        var result = AttackSweepRunner.Run(fixture.Ml, fixture.Classifier, fixture.Data,
            new SweepRequest("cifar10", [8 / 255.0]), new FgsmAttack(new FgsmAttackOptions()));
        var (clean, attacked) = (result.Epsilons[0], result.Epsilons[1]);
        Assert.True(attacked.Accuracy < clean.Accuracy - 0.3, $"{attacked.Accuracy} vs {clean.Accuracy}");
        Assert.True(attacked.McnemarPValue < 1e-10, $"McNemar p = {attacked.McnemarPValue}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(8 / 255.0)]
    public void ColourImagesStayWithinEpsilonAndThePixelRange(double epsilon)
    {
        var attacked = fixture.Ml.Transforms.FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = epsilon }, imageColumnName: "Image", batchSize: 64)
            .Fit(fixture.Data).Transform(fixture.Data);
        var clean = attacked.GetColumn<float[]>("Image").ToArray();
        var adversarial = attacked.GetColumn<float[]>("Adversarial").ToArray();
        double largest = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            for (int p = 0; p < clean[i].Length; p++)
            {
                Assert.InRange(adversarial[i][p], 0f, 1f);
                largest = Math.Max(largest, Math.Abs(adversarial[i][p] - clean[i][p]));
            }
        }
        Assert.True(largest <= epsilon + 1e-6, $"‖x' − x‖∞ = {largest} exceeds ε = {epsilon}");
        if (epsilon == 0)
            Assert.Equal(0, largest);
    }

    [Fact]
    public void AModelOfAnotherShapeIsASchemaErrorNotATorchCrash()
    {
        using var lenet = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        var estimator = fixture.Ml.Transforms.FgsmAttack("Image", lenet, new() { Epsilon = 0.1 });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(fixture.Data));
        Assert.Contains("Vector<Single, 3, 32, 32>", error.Message);
        Assert.Contains("Vector<Single, 1, 28, 28>", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Ml.Transforms.ScoreImages(lenet).Fit(fixture.Data));
    }

    [Fact]
    public void EpsilonZeroExportIsByteIdenticalToTheOfficialTestBatch()
    {
        using var folder = new TempFolder();
        string output = folder.File("cifar-eps0");
        var source = TestData.CifarTest();
        AttackExport.Run(fixture.Ml, fixture.Classifier, source, source,
            new AttackExportRequest(SavedFormat.Cifar10, [], TestData.ShippedCifarModel, Fgsm(0), output));
        string batches = Path.Combine(output, CifarFiles.BatchFolder);
        Assert.Equal(File.ReadAllBytes(source.BatchPaths[0]), File.ReadAllBytes(Path.Combine(batches, "test_batch.bin")));
        string officialMeta = Path.Combine(Path.GetDirectoryName(source.BatchPaths[0])!, "batches.meta.txt");
        Assert.Equal(File.ReadAllBytes(officialMeta), File.ReadAllBytes(Path.Combine(batches, "batches.meta.txt")));
    }

    [Fact]
    public void AttackedExportReloadsWithTheReportedAccuracy()
    {
        using var folder = new TempFolder();
        string output = folder.File("cifar-adv");
        var source = TestData.CifarTest();
        var (report, _) = AttackExport.Run(fixture.Ml, fixture.Classifier, source, fixture.Data,
            new AttackExportRequest(SavedFormat.Cifar10, [], TestData.ShippedCifarModel, Fgsm(8 / 255.0), output));
        var saved = SavedFormat.Cifar10.LoadVerified(output);
        var metrics = fixture.Ml.MulticlassClassification.Evaluate(
            fixture.Ml.Transforms.ScoreImages(fixture.Classifier).Fit(saved).Transform(saved));
        Assert.Equal(report.Saved!.Accuracy, metrics.MicroAccuracy, 12);
        Assert.True(report.Saved.Accuracy < report.Sweep.Epsilons[0].Accuracy - 0.2);
    }

    private static FgsmAttack Fgsm(double epsilon) => new(new FgsmAttackOptions { Epsilon = epsilon });
}
