namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>A written file: path relative to the dataset folder, size and SHA-256.</summary>
public sealed record ManifestFile(string Path, long Bytes, string Sha256);
