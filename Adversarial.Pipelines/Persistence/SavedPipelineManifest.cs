using System.Text.Json;

namespace MlNetAdversarial.Pipelines.Persistence;

/// <summary>manifest.json of a saved pipeline: its steps in order and the classifiers they use.</summary>
/// <param name="Tool">Tool name.</param>
/// <param name="ToolVersion">Tool version.</param>
/// <param name="Steps">The steps, in pipeline order.</param>
/// <param name="Classifiers">The classifiers, each saved once.</param>
public sealed record SavedPipelineManifest(string Tool, string ToolVersion, IReadOnlyList<SavedStep> Steps, IReadOnlyList<SavedClassifier> Classifiers)
{
    /// <summary>The manifest's entry name in the zip.</summary>
    public const string EntryName = "manifest.json";
}

/// <summary>One step: an ML.NET transformer chain (saved with Model.Save) or one of ours (options + classifier).</summary>
/// <param name="Kind">"mlnet", "fgsm", "fgsm-sweep", "score" or "attack".</param>
/// <param name="Entry">Zip entry of an ML.NET chain, else null.</param>
/// <param name="Classifier">Index into the classifiers, for our steps.</param>
/// <param name="Options">Our step's options record as JSON.</param>
/// <param name="Attack">For "attack" steps: the attack's name, options and settings as JSON.</param>
public sealed record SavedStep(string Kind, string? Entry, int? Classifier, JsonElement? Options, JsonElement? Attack = null);

/// <summary>A classifier: how to rebuild its network and where its weights are.</summary>
/// <param name="Entry">Zip entry of the weights (TorchSharp format).</param>
/// <param name="Architecture">Network class ("lenet", "cifar-resnet", or one a factory given to Load knows).</param>
/// <param name="Name">Display name.</param>
/// <param name="WeightsSha256">SHA-256 of the weights it was loaded from.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="ClassNames">Class names.</param>
/// <param name="Mean">Per-channel mean, or null.</param>
/// <param name="Std">Per-channel standard deviation, or null.</param>
public sealed record SavedClassifier(string Entry, string Architecture, string Name, string WeightsSha256, int Channels, int Height, int Width,
    IReadOnlyList<string> ClassNames, IReadOnlyList<float>? Mean, IReadOnlyList<float>? Std);
