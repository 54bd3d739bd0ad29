using MlNetAdversarial.Transforms.Models;
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
