using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Persistence;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class PipelineFileTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    [Fact]
    public void ASavedPipelineLoadsBackToIdenticalPredictionsAndMetrics()
    {
        var ml = fixture.Ml;
        var data = ml.Data.TakeRows(fixture.Data, 200);
        var model = ml.Transforms.CopyColumns("Original", "Image")
            .Append(ml.Transforms.FgsmAttack("Image", fixture.Classifier, new() { Epsilon = 0.2 }))
            .Append(ml.Transforms.ScoreImages(fixture.Classifier))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel"))
            .Fit(data);
        using var folder = new TempFolder();
        PipelineFile.Save(ml, model, data.Schema, folder.File("pipeline.zip"));

        using var loaded = PipelineFile.Load(new MLContext(seed: 1), folder.File("pipeline.zip"));
        var before = model.Transform(data);
        var after = loaded.Model.Transform(data);
        Assert.Equal(before.GetColumn<uint>("PredictedLabel").ToArray(), after.GetColumn<uint>("PredictedLabel").ToArray());
        Assert.Equal(before.GetColumn<float[]>("Score").ToArray(), after.GetColumn<float[]>("Score").ToArray());
        Assert.Equal(before.GetColumn<ReadOnlyMemory<char>>("PredictedDigit").Select(d => d.ToString()),
            after.GetColumn<ReadOnlyMemory<char>>("PredictedDigit").Select(d => d.ToString()));
        Assert.Equal(ml.MulticlassClassification.Evaluate(before).LogLoss, ml.MulticlassClassification.Evaluate(after).LogLoss, 12);
        Assert.Equal(data.Schema.Select(c => c.Name), loaded.InputSchema.Select(c => c.Name));
        Assert.Single(loaded.Classifiers);
        Assert.Equal(fixture.Classifier.WeightsSha256, loaded.Classifiers[0].WeightsSha256);
    }

    [Fact]
    public void AClassifierBehindAnInputAdapterIsSavedWithItAndGivesTheSameImagesAndScores()
    {
        var ml = fixture.Ml;
        var data = ml.Data.TakeRows(fixture.Data, 64);
        using var resnet = MlNetAdversarial.Pipelines.Datasets.DatasetRegistry.Mnist.LoadClassifier(MlNetAdversarial.Transforms.Models.ArchitectureRegistry.CifarResNet);
        var model = ml.Transforms.FgsmAttack("Image", resnet, new() { Epsilon = 0.1 }).Append(ml.Transforms.ScoreImages(resnet)).Fit(data);
        using var folder = new TempFolder();
        PipelineFile.Save(ml, model, data.Schema, folder.File("adapted.zip"));

        using var loaded = PipelineFile.Load(new MLContext(seed: 1), folder.File("adapted.zip"));
        Assert.Equal(resnet.Adapter, loaded.Classifiers[0].Adapter);
        var before = model.Transform(data);
        var after = loaded.Model.Transform(data);
        Assert.Equal(before.GetColumn<float[]>("Image").ToArray(), after.GetColumn<float[]>("Image").ToArray());
        Assert.Equal(before.GetColumn<float[]>("Score").ToArray(), after.GetColumn<float[]>("Score").ToArray());
    }

    [Fact]
    public void ASavedAttackStepKeepsItsAttackOptionsAndSettings()
    {
        var ml = fixture.Ml;
        var data = ml.Data.TakeRows(fixture.Data, 64);
        var settings = AttackSettings.Default with { Targeting = AttackTargeting.RandomOther, Seed = 7, EarlyStop = false };
        var model = ml.Transforms.PgdAttack("Adversarial", fixture.Classifier, new PgdAttackOptions { Epsilon = 0.2, Steps = 3, StepSize = 0.05 },
                settings, imageColumnName: "Image")
            .Append(ml.Transforms.ScoreImages(fixture.Classifier, "Adversarial"))
            .Fit(data);
        using var folder = new TempFolder();
        PipelineFile.Save(ml, model, data.Schema, folder.File("pgd.zip"));

        using var loaded = PipelineFile.Load(new MLContext(seed: 1), folder.File("pgd.zip"));
        var before = model.Transform(data);
        var after = loaded.Model.Transform(data);
        // Random start and random targets are seeded per image: the same seed must give the same images.
        Assert.Equal(before.GetColumn<float[]>("Adversarial").ToArray(), after.GetColumn<float[]>("Adversarial").ToArray());
        Assert.Equal(before.GetColumn<uint>("PredictedLabel").ToArray(), after.GetColumn<uint>("PredictedLabel").ToArray());
    }

    [Fact]
    public void AnUnsupportedStepIsRefusedBeforeAnythingIsWritten()
    {
        var ml = fixture.Ml;
        var data = ml.Data.TakeRows(fixture.Data, 10);
        var model = ml.Transforms.Attack("Image", fixture.Classifier, new DoNothingAttack()).Fit(data);
        using var folder = new TempFolder();
        var error = Assert.Throws<NotSupportedException>(() => PipelineFile.Save(ml, model, data.Schema, folder.File("p.zip")));
        Assert.Contains("nothing", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }
}
