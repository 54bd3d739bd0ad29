namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>How far the download of one dataset file has come.</summary>
/// <param name="File">The file's name (e.g. "t10k-images-idx3-ubyte.gz").</param>
/// <param name="Url">Where it comes from.</param>
/// <param name="Bytes">Bytes received so far.</param>
/// <param name="TotalBytes">The file's size when the server says it, else null.</param>
public sealed record DownloadProgress(string File, string Url, long Bytes, long? TotalBytes);
