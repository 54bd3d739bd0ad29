using MlNetAdversarial.Transforms.Models;
using System.Text.Json;

namespace MlNetAdversarial.Pipelines.Persistence;

/// <summary>A classifier: how to rebuild its network and where its weights are.</summary>
/// <param name="Entry">Zip entry of the weights (TorchSharp format).</param>
/// <param name="Architecture">Network class: a name of ArchitectureRegistry, or one a factory given to Load knows.</param>
/// <param name="Name">Display name.</param>
/// <param name="WeightsSha256">SHA-256 of the weights it was loaded from.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="ClassNames">Class names.</param>
/// <param name="Mean">Per-channel mean, or null.</param>
/// <param name="Std">Per-channel standard deviation, or null.</param>
/// <param name="Output">What the network's last layer gives.</param>
/// <param name="NetworkInput">The network's own input shape [C, H, W] when an input adapter feeds it the images above, else null.</param>
public sealed record SavedClassifier(string Entry, string Architecture, string Name, string WeightsSha256, int Channels, int Height, int Width,
    IReadOnlyList<string> ClassNames, IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std, ClassifierOutput Output, int[]? NetworkInput = null);
