namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Locates, verifies and opens MNIST.</summary>
public static class MnistLoader
{
    /// <summary>One split of MNIST as a streaming data view.</summary>
    public static MnistDataView Load(DatasetSplit split, DatasetLocator? locator = null)
    {
        locator ??= new DatasetLocator();
        var (images, labels) = MnistFiles.Of(split);
        var paths = locator.LocateAll(MnistFiles.Name, [images, labels], MnistFiles.Mirrors);
        return new MnistDataView(paths[0], paths[1]);
    }
}
