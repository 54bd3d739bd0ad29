namespace MlNetAdversarial.Pipelines.Datasets;

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
