using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.ModelFormats;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>
/// The ML.NET-native loop: a modified dataset written by `attack` against an ONNX model, reloaded and scored by that ONNX
/// model through ONNX Runtime (ApplyOnnxModel) and ML.NET's Evaluate alone, with no TorchSharp in the scoring.
/// </summary>
public sealed class OnnxNativeLoopTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", name);

    private sealed class LogProbabilities
    {
        [VectorType(10)] public float[] scores { get; set; } = [];
    }

    private sealed class Scored
    {
        [VectorType(10)] public float[] Score { get; set; } = [];

        [KeyType(10)] public uint PredictedLabel { get; set; }
    }

    [Fact]
    public void TheSavedDatasetScoredByOnnxRuntimeInMlNetGivesTheAttackedAccuracy()
    {
        using var folder = new TempFolder();
        string saved = Path.Combine(folder.Path, "adv");
        CliProcess.Run(null, "attack", "--dataset", "mnist", "--model", Fixture("lenet.onnx"), "--limit", "500", "--out", saved);

        var ml = new MLContext(seed: 0);
        IDataView attacked = DatasetRegistry.Mnist.SavedFormat.LoadVerified(saved);
        var scoring = ml.Transforms.CopyColumns("image", ByteImageDataView.ImageColumn)
            .Append(ml.Transforms.ApplyOnnxModel(["scores"], ["image"], Fixture("lenet.onnx"),
                shapeDictionary: new Dictionary<string, int[]> { ["image"] = [1, 1, 28, 28] }, gpuDeviceId: null, fallbackToCpu: false))
            .Append(ml.Transforms.CustomMapping<LogProbabilities, Scored>((input, output) =>
            {
                output.Score = input.scores.Select(MathF.Exp).ToArray();
                output.PredictedLabel = (uint)Array.IndexOf(input.scores, input.scores.Max()) + 1;
            }, contractName: null));
        var metrics = ml.MulticlassClassification.Evaluate(scoring.Fit(attacked).Transform(attacked));

        using var torchModel = ModelFormatRegistry.Load(Fixture("lenet.onnx"));
        var reference = ml.MulticlassClassification.Evaluate(ml.Transforms.ScoreImages(torchModel).Fit(attacked).Transform(attacked));
        Assert.Equal(reference.MicroAccuracy, metrics.MicroAccuracy, 12);
        Assert.InRange(reference.LogLoss - metrics.LogLoss, -1e-4, 1e-4);
        Assert.True(metrics.MicroAccuracy < 0.9, $"the saved dataset is attacked: {metrics.MicroAccuracy}");
    }
}
