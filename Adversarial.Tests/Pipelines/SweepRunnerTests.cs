using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Pipelines.Storage;
using System.Text.Json;
using Microsoft.ML;
using MlNetAdversarial.Cli;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class SweepRunnerTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private SweepResult Sweep(IReadOnlyList<double> epsilons) =>
        AttackSweepRunner.Run(fixture.Ml, fixture.Classifier, fixture.Data, new SweepRequest("mnist", epsilons), new FgsmAttack(new FgsmAttackOptions()));

    [Fact]
    public void AccuracyNeverRisesWithEpsilonAndCollapsesSignificantlyAtPointThree()
    {
        var result = Sweep(DatasetRegistry.Mnist.DefaultEpsilons);
        Assert.Equal(DatasetRegistry.Mnist.DefaultEpsilons, result.Epsilons.Select(r => r.Epsilon!.Value).ToArray());
        for (int i = 1; i < result.Epsilons.Count; i++)
            Assert.True(result.Epsilons[i].Correct <= result.Epsilons[i - 1].Correct,
                $"accuracy rose from ε = {result.Epsilons[i - 1].Epsilon} to ε = {result.Epsilons[i].Epsilon}");
        var clean = result.Epsilons[0];
        var strongest = result.Epsilons[^1];
        Assert.True(strongest.Accuracy < clean.Accuracy / 2, $"ε = 0.3 kept accuracy {strongest.Accuracy} of {clean.Accuracy}");
        Assert.True(strongest.McnemarPValue < 1e-10, $"McNemar p = {strongest.McnemarPValue}");
        Assert.True(strongest.AccuracyCi95High < clean.AccuracyCi95Low);
        Assert.Equal(1, clean.McnemarPValue);
    }

    [Fact]
    public void SweepAgreesWithTheAttackAndScoringPipelineEvaluatedByMlNet()
    {
        var row = Sweep([0.1]).Epsilons[1];
        var ml = fixture.Ml;
        var scored = ml.Transforms.FgsmAttack("Image", fixture.Classifier, new() { Epsilon = 0.1 })
            .Append(ml.Transforms.ScoreImages(fixture.Classifier))
            .Fit(fixture.Data).Transform(fixture.Data);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.Equal(metrics.MicroAccuracy, row.MicroAccuracy, 12);
        Assert.Equal(metrics.MacroAccuracy, row.MacroAccuracy, 12);
        Assert.Equal(metrics.LogLoss, row.LogLoss, 9);
        Assert.Equal(metrics.MicroAccuracy, row.Accuracy, 12);
        Assert.Equal(MnistModelFixture.Rows, row.Total);
    }

    [Fact]
    public void EpsilonZeroIsAlwaysTheFirstRow()
    {
        var result = Sweep([0.2, 0.1, 0.2]);
        Assert.Equal([0, 0.2, 0.1], result.Epsilons.Select(r => r.Epsilon!.Value).ToArray());
    }

    [Fact]
    public void JsonReportHasTheDocumentedFields()
    {
        var json = JsonSerializer.Serialize(Sweep([0.1]), JsonFiles.Options);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        foreach (string field in new[] { "dataset", "model", "modelSha256", "seed" })
            Assert.True(root.TryGetProperty(field, out _), $"missing top-level '{field}'");
        Assert.Equal(fixture.Classifier.WeightsSha256, root.GetProperty("modelSha256").GetString());
        var row = root.GetProperty("epsilons")[1];
        foreach (string field in new[] { "epsilon", "correct", "total", "accuracy", "accuracyCi95Low", "accuracyCi95High",
                     "microAccuracy", "macroAccuracy", "logLoss", "mcnemarPValue" })
            Assert.True(row.TryGetProperty(field, out _), $"missing per-epsilon '{field}'");
    }

    [Fact]
    public void TableLineReadsLikeTheTutorials()
    {
        var row = new EpsilonResult(0.1, 8510, 10000, 0.851, 0.844, 0.858, 0.851, 0.85, 0.5, 1300, 0, 0, -391.3, 0,
            0.13, 0.12, 0.14, 0.13, 0.99, 0.8, [], []);
        string line = SweepTable.Line(row);
        Assert.StartsWith("Epsilon: 0.1   \tTest Accuracy = 8510 / 10000 = 0.8510", line);
        Assert.Contains("McNemar p = 10^-391.3", line);
    }
}
