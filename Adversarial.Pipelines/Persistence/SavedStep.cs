using MlNetAdversarial.Transforms.Models;
using System.Text.Json;

namespace MlNetAdversarial.Pipelines.Persistence;

/// <summary>One step: an ML.NET transformer chain (saved with Model.Save) or one of ours (options + classifier).</summary>
/// <param name="Kind">"mlnet", "fgsm", "fgsm-sweep", "score" or "attack".</param>
/// <param name="Entry">Zip entry of an ML.NET chain, else null.</param>
/// <param name="Classifier">Index into the classifiers, for our steps.</param>
/// <param name="Options">Our step's options record as JSON.</param>
/// <param name="Attack">For "attack" steps: the attack's name, options and settings as JSON.</param>
public sealed record SavedStep(string Kind, string? Entry, int? Classifier, JsonElement? Options, JsonElement? Attack = null);
