namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Locates, verifies and opens MNIST.</summary>
public static class MnistLoader
{
    /// <summary>One split of MNIST as a streaming data view.</summary>
    public static MnistDataView Load(DatasetSplit split, DatasetLocator? locator = null)
    {
        locator ??= new DatasetLocator();
        var (images, labels) = MnistFiles.Of(split);
        return new MnistDataView(
            locator.Locate(MnistFiles.Name, images, MnistFiles.Mirrors),
            locator.Locate(MnistFiles.Name, labels, MnistFiles.Mirrors));
    }
}
