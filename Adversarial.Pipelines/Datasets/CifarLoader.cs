namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Locates (or downloads and safely extracts), verifies and opens CIFAR-10.</summary>
public static class CifarLoader
{
    /// <summary>One split of CIFAR-10 as a streaming data view.</summary>
    public static CifarDataView Load(DatasetSplit split, DatasetLocator? locator = null)
    {
        locator ??= new DatasetLocator();
        var wanted = CifarFiles.Of(split).Append(CifarFiles.Meta).ToArray();
        if (wanted.Any(f => locator.TryLocate(CifarFiles.Name, f, CifarFiles.BatchFolder) is null))
        {
            // Locate throws the clear error when --data-dir lacks the archive; else it downloads it.
            string archive = locator.Locate(CifarFiles.Name, CifarFiles.Archive, CifarFiles.Mirrors);
            SafeTarExtractor.Extract(archive, locator.CacheFolder(CifarFiles.Name));
        }
        string[] paths = wanted.Select(f => locator.Locate(CifarFiles.Name, f, CifarFiles.Mirrors, CifarFiles.BatchFolder)).ToArray();
        return new CifarDataView(paths[..^1], CifarDataView.ReadClassNames(paths[^1]));
    }
}
