namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// One official file of a dataset: its compressed name and MD5 as published, and the MD5 of its
/// uncompressed form (so an already-extracted copy is verified too).
/// </summary>
public sealed record DatasetFile(string CompressedName, string CompressedMd5, string RawMd5)
{
    /// <summary>The file name without the .gz suffix.</summary>
    public string RawName => CompressedName.EndsWith(".gz", StringComparison.Ordinal)
        ? CompressedName[..^3]
        : CompressedName;
}
