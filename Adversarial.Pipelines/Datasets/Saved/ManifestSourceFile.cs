namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>A source file and its MD5.</summary>
public sealed record ManifestSourceFile(string Name, string Md5);
