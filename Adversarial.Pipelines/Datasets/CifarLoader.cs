namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Locates (or downloads and safely extracts), verifies and opens CIFAR-10.</summary>
public static class CifarLoader
{
    /// <summary>One split of CIFAR-10 as a streaming data view.</summary>
    public static CifarDataView Load(DatasetSplit split, DatasetLocator? locator = null)
    {
        locator ??= new DatasetLocator();
        var wanted = CifarFiles.Of(split).Append(CifarFiles.Meta).ToArray();
        var missing = wanted.Where(f => locator.TryLocate(CifarFiles.Name, f, CifarFiles.BatchFolder) is null).ToArray();
        if (missing.Length > 0)
        {
            // The extracted files come from one archive: found or downloaded, it is extracted into the cache.
            string? archive = locator.TryLocate(CifarFiles.Name, CifarFiles.Archive);
            if (archive is null && locator.DataDir is not null)
                throw locator.Missing(CifarFiles.Name,
                    missing.Select(f => $"{f.CompressedName} (MD5 {f.CompressedMd5})").ToArray(), CifarFiles.BatchFolder,
                    $"the archive {CifarFiles.Archive.CompressedName}, MD5 {CifarFiles.Archive.CompressedMd5}, "
                    + $"{CifarFiles.Mirrors[0]}{CifarFiles.Archive.CompressedName}");
            archive ??= locator.Locate(CifarFiles.Name, CifarFiles.Archive, CifarFiles.Mirrors);
            SafeTarExtractor.Extract(archive, locator.CacheFolder(CifarFiles.Name));
        }
        var paths = locator.LocateAll(CifarFiles.Name, wanted, CifarFiles.Mirrors, CifarFiles.BatchFolder);
        return new CifarDataView(paths.Take(paths.Count - 1).ToArray(), CifarDataView.ReadClassNames(paths[^1]));
    }
}
