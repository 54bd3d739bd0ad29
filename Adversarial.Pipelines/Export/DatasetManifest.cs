namespace MlNetAdversarial.Pipelines.Export;

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

/// <summary>A source file and its MD5.</summary>
public sealed record ManifestSourceFile(string Name, string Md5);

/// <summary>The attack that made the dataset.</summary>
/// <param name="Name">Attack name.</param>
/// <param name="Norm">Norm it bounds or minimizes.</param>
/// <param name="Epsilon">Budget, or null for minimal-perturbation attacks.</param>
/// <param name="Parameters">Every parameter of the attack.</param>
/// <param name="Targeting">Targeting choice.</param>
/// <param name="OnlyCorrect">Whether only correctly classified images were attacked.</param>
/// <param name="ClipMin">Lowest pixel value.</param>
/// <param name="ClipMax">Highest pixel value.</param>
/// <param name="BatchSize">Rows per torch call.</param>
/// <param name="Quantization">How the images were turned into 8-bit pixels.</param>
public sealed record ManifestAttack(string Name, string Norm, double? Epsilon, IReadOnlyDictionary<string, string> Parameters,
    string Targeting, bool OnlyCorrect, double ClipMin, double ClipMax, int BatchSize, string Quantization);

/// <summary>A written file: path relative to the dataset folder, size and SHA-256.</summary>
public sealed record ManifestFile(string Path, long Bytes, string Sha256);
