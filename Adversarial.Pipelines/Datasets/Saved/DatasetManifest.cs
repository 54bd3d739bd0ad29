namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>manifest.json of a saved dataset: where it came from, how it was made, and every file's checksum.</summary>
/// <param name="Tool">Tool name.</param>
/// <param name="ToolVersion">Tool version.</param>
/// <param name="CreatedUtc">When it was written.</param>
/// <param name="Dataset">Source dataset name.</param>
/// <param name="Split">Source split.</param>
/// <param name="SourceFiles">Source files read, with their MD5.</param>
/// <param name="Model">Model name.</param>
/// <param name="ModelFile">Weights file name.</param>
/// <param name="ModelSha256">Weights SHA-256.</param>
/// <param name="Attack">Attack and parameters.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Files">Every file written (paths relative to the folder), with size and SHA-256.</param>
public sealed record DatasetManifest(
    string Tool,
    string ToolVersion,
    DateTime CreatedUtc,
    string Dataset,
    string Split,
    IReadOnlyList<ManifestSourceFile> SourceFiles,
    string Model,
    string ModelFile,
    string ModelSha256,
    ManifestAttack Attack,
    int Seed,
    IReadOnlyList<ManifestFile> Files)
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "manifest.json";
}
