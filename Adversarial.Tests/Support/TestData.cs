using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests;

/// <summary>The real data and the shipped models, found the way the libraries find them ($ADVERSARIAL_DATASETS in CI).</summary>
internal static class TestData
{
    private static readonly Lazy<string> LeNetFile = new(() => Extract(ArchitectureRegistry.LeNet));
    private static readonly Lazy<string> CifarFile = new(() => Extract(ArchitectureRegistry.CifarResNet));

    /// <summary>The shipped LeNet weights as a file (for tests of --model and weight files).</summary>
    public static string ShippedModel => LeNetFile.Value;

    /// <summary>The shipped CIFAR ResNet weights as a file.</summary>
    public static string ShippedCifarModel => CifarFile.Value;

    /// <summary>The real MNIST test split.</summary>
    public static MnistDataView MnistTest() => MnistLoader.Load(DatasetSplit.Test, new DatasetLocator());

    /// <summary>
    /// The first <paramref name="count"/> MNIST test images as flat pixels (count × 784, row after row) and 0-based labels:
    /// what the reference tests feed an attack directly.
    /// </summary>
    public static (float[] Pixels, long[] Labels) MnistTestArrays(int count)
    {
        var data = new MLContext(seed: 0).Data.TakeRows(MnistTest(), count);
        return (data.GetColumn<float[]>(AdversarialColumns.Image).SelectMany(p => p).ToArray(),
            data.GetColumn<uint>(AdversarialColumns.Label).Select(k => (long)k - 1).ToArray());
    }

    public static MnistDataView MnistTrain() => MnistLoader.Load(DatasetSplit.Train, new DatasetLocator());

    public static string CifarTestBatchPath() =>
        new DatasetLocator().Locate(CifarFiles.Name, CifarFiles.TestBatch, CifarFiles.Mirrors, CifarFiles.BatchFolder);

    public static CifarDataView CifarTest() => CifarLoader.Load(DatasetSplit.Test, new DatasetLocator());

    private static string Extract(ArchitectureDescriptor architecture)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"adversarial-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, architecture.ShippedWeights[0].File);
        ShippedModels.Extract(architecture.ShippedWeights[0].File, path);
        return path;
    }
}
