using MlNetAdversarial.Pipelines;
using MlNetAdversarial.Pipelines.Cli;
using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Tests;

/// <summary>Paths of the real data and the shipped model, with a clear message when data is missing.</summary>
internal static class TestData
{
    public static string ShippedModel => RepositoryPaths.ShippedModel(SweepCommand.DefaultMnistModel);

    /// <summary>The real MNIST test split, found the way the tool finds it ($ADVERSARIAL_DATASETS in CI).</summary>
    public static MnistDataView MnistTest() => MnistLoader.Load(MnistSplit.Test, new DatasetLocator());

    public static MnistDataView MnistTrain() => MnistLoader.Load(MnistSplit.Train, new DatasetLocator());
}
