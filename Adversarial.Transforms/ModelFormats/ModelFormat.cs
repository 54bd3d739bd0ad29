using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Registries;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.ModelFormats;

/// <summary>One entry of <see cref="ModelFormatRegistry"/>: a kind of model file and how it becomes a classifier.</summary>
/// <param name="Name">Name in messages ("ONNX").</param>
/// <param name="Extensions">File extensions it claims, lower case with the dot.</param>
/// <param name="Load">Builds the classifier from the file and what the user says about it.</param>
public sealed record ModelFormat(string Name, IReadOnlyList<string> Extensions, Func<string, ModelRequest, Device?, TorchImageClassifier> Load) : IRegistryEntry;
