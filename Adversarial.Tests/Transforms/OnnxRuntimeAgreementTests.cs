using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// Models exported here with PyTorch 1.13 (tools/export_onnx_fixtures.py): the imported module agrees with ONNX Runtime
/// run through ML.NET's ApplyOnnxModel on every test image, and the imported LeNet is attacked exactly as the native one.
/// </summary>
public sealed class OnnxRuntimeAgreementTests(ITestOutputHelper output)
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", name);

    [Theory]
    [InlineData("lenet.onnx", "mnist")]
    [InlineData("lenet-opset17.onnx", "mnist")]
    [InlineData("cifar-resnet.onnx", "cifar10")]
    [InlineData("bn-dropout-gemm.onnx", "mnist")]
    public void ImportedScoresAgreeWithOnnxRuntimeOnEveryTestImage(string file, string dataset)
    {
        var ml = new MLContext(seed: 0);
        ByteImageDataView test = DatasetRegistry.All.Get(dataset).Load(DatasetSplit.Test, new DatasetLocator());
        var shape = test.Shape;
        var runtime = ml.Transforms.CopyColumns("image", ByteImageDataView.ImageColumn)
            .Append(ml.Transforms.ApplyOnnxModel(["scores"], ["image"], Fixture(file),
                shapeDictionary: new Dictionary<string, int[]> { ["image"] = [1, shape.Channels, shape.Height, shape.Width] },
                gpuDeviceId: null, fallbackToCpu: false));
        float[][] expected = runtime.Fit(test).Transform(test).GetColumn<float[]>("scores").ToArray();

        var imported = OnnxImporter.Load(Fixture(file));
        imported.Module.eval();
        double worst = 0;
        int disagreements = 0, row = 0;
        using (no_grad())
        {
            foreach (var (images, labels) in ImageBatches.Of(test, batchSize: 500))
            {
                using var batch = NewDisposeScope();
                using var disposeImages = images;
                using var disposeLabels = labels;
                var scores = imported.Module.call(images);
                float[] flat = scores.data<float>().ToArray();
                int classes = (int)scores.shape[1];
                for (int i = 0; i < scores.shape[0]; i++, row++)
                {
                    var ours = flat.AsSpan(i * classes, classes);
                    for (int c = 0; c < classes; c++)
                        worst = Math.Max(worst, Math.Abs(ours[c] - expected[row][c]));
                    if (Scores.ArgMax(ours) != Scores.ArgMax(expected[row]))
                        disagreements++;
                }
            }
        }
        output.WriteLine($"{file}: {row} images, largest score difference {worst:g3}, argmax disagreements {disagreements}");
        Assert.Equal(10_000, row);
        Assert.True(worst <= 1e-4, $"largest difference from ONNX Runtime {worst:g3}");
        Assert.Equal(0, disagreements);
    }

    [Theory]
    [InlineData("lenet.onnx")]
    [InlineData("lenet-opset17.onnx")]
    public void TheImportedLeNetHasTheNativeLeNetsFgsmCountsAtEveryEpsilon(string file)
    {
        var ml = new MLContext(seed: 0);
        IDataView test = DatasetRegistry.Mnist.Load(DatasetSplit.Test, new DatasetLocator());
        var request = new SweepRequest("mnist", DatasetRegistry.Mnist.DefaultEpsilons.Skip(1).ToArray());
        using var native = TorchImageClassifier.LoadLeNet();
        var imported = OnnxImporter.Load(Fixture(file));
        Assert.Equal(file.Contains("opset17", StringComparison.Ordinal) ? 17L : 13L, imported.Opset);
        using var fromOnnx = new TorchImageClassifier(imported.Module, native.InputShape, native.ClassNames, imported.Output, "LeNet (ONNX)");
        int[] nativeCounts = AttackSweepRunner.Run(ml, native, test, request, new FgsmAttack(new FgsmAttackOptions())).Epsilons.Select(e => e.Correct).ToArray();
        int[] onnxCounts = AttackSweepRunner.Run(ml, fromOnnx, test, request, new FgsmAttack(new FgsmAttackOptions())).Epsilons.Select(e => e.Correct).ToArray();
        output.WriteLine($"native {string.Join(", ", nativeCounts)}; ONNX {string.Join(", ", onnxCounts)}");
        Assert.Equal(ClassifierOutput.LogProbabilities, imported.Output);
        Assert.Equal(nativeCounts, onnxCounts);
    }
}
