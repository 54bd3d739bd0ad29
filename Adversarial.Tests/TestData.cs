using MlNetAdversarial.Pipelines;
using MlNetAdversarial.Pipelines.Cli;
using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Tests;

/// <summary>Paths of the real data and the shipped model, with a clear message when data is missing.</summary>
internal static class TestData
{
    public static string ShippedModel => ModelKind.LeNet.ShippedWeights;

    /// <summary>The real MNIST test split, found the way the tool finds it ($ADVERSARIAL_DATASETS in CI).</summary>
    public static MnistDataView MnistTest() => MnistLoader.Load(DatasetSplit.Test, new DatasetLocator());

    public static MnistDataView MnistTrain() => MnistLoader.Load(DatasetSplit.Train, new DatasetLocator());

    public static string ShippedCifarModel => ModelKind.CifarResNet.ShippedWeights;

    public static CifarDataView CifarTest() => CifarLoader.Load(DatasetSplit.Test, new DatasetLocator());
}
