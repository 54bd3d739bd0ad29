using MlNetAdversarial.Transforms.BlackBox;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Onnx;
using MlNetAdversarial.Transforms.Registries;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.ModelFormats;

/// <summary>The model files the library attacks, chosen by extension. Adding a format is its file plus one line here.</summary>
public static class ModelFormatRegistry
{
    /// <summary>An ONNX graph, imported as a differentiable module (or, with <see cref="ModelRequest.BlackBox"/>, scored by ONNX Runtime).</summary>
    public static readonly ModelFormat Onnx = new("ONNX", [".onnx"], (path, request, device) => request.BlackBox
        ? OnnxBlackBox.Load(path, request with { BlackBox = false }, device)
        : OnnxClassifier.Load(path, request, device));

    /// <summary>An ML.NET model .zip: always a black box (its scores only).</summary>
    public static readonly ModelFormat MlNet = new("ML.NET", [".zip"], MlNetModelFile.Load);

    /// <summary>Weights for a registered architecture: TorchSharp, a PyTorch state_dict or safetensors.</summary>
    public static readonly ModelFormat Weights = new("weights", [".bin", ".dat", ".pt", ".pth", ".safetensors"], LoadWeights);

    /// <summary>Every format.</summary>
    public static Registry<ModelFormat> All { get; } = new("model format", [Onnx, MlNet, Weights], keysOf: f => f.Extensions);

    /// <summary>The format a path's extension names; weight files of other extensions are read as TorchSharp's format.</summary>
    public static ModelFormat For(string path) =>
        Path.GetExtension(path) is { Length: > 0 } extension ? All.Find(extension) ?? Weights : Weights;

    /// <summary>The classifier a model file holds.</summary>
    /// <exception cref="ArgumentException">The request does not fit the format (what it would ignore is refused).</exception>
    public static TorchImageClassifier Load(string path, ModelRequest? request = null, Device? device = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file not found: {path}", path);
        return For(path).Load(path, request ?? new ModelRequest(), device);
    }

    private static TorchImageClassifier LoadWeights(string path, ModelRequest request, Device? device)
    {
        var architecture = request.Architecture
            ?? throw new ArgumentException($"{path} holds weights only: name the architecture they belong to ({ArchitectureRegistry.All.Names}).");
        if (request.BlackBox)
            throw new ArgumentException($"{path} holds weights for {architecture.DisplayName}, which runs in TorchSharp with gradients; a black box is an ONNX or ML.NET model.");
        var ignored = new[]
        {
            request.InputName is null ? null : "an input name",
            request.Output is null ? null : "an output kind", request.Mean is null && request.Std is null ? null : "a normalization",
        }.OfType<string>().ToArray();
        if (ignored.Length > 0)
            throw new ArgumentException($"{path} is loaded into {architecture.DisplayName}, which defines its own {string.Join(", ", ignored)}; "
                + "those apply to ONNX models only.");
        return architecture.LoadFor(null, request.InputShape ?? architecture.InputShape, request.ClassNames ?? architecture.ClassNames, path, device);
    }
}
