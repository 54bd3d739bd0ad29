using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Cli;

/// <summary>The model options as typed: which file (if any), which architecture, and what the file cannot say.</summary>
internal sealed record ModelChoice(string? Path, string? ArchitectureName, ModelRequest Request)
{
    /// <summary>Whether any of --input-name, --classes, --mean, --std, --output was given.</summary>
    private bool DescribesAnOnnxModel => Request.InputName is not null || Request.ClassNames is not null || Request.Output is not null
        || Request.Mean is not null || Request.Std is not null;

    /// <summary>The architecture named by --arch, else <paramref name="fallback"/>.</summary>
    public ArchitectureDescriptor Architecture(ArchitectureDescriptor fallback) =>
        ArchitectureName is null ? fallback : SweepTargets.ParseArchitecture(ArchitectureName);

    /// <summary>
    /// Loads the classifier for images of <paramref name="shape"/> (null: any, as for an image folder resized to the model's);
    /// refuses an option the choice would ignore.
    /// </summary>
    public TorchImageClassifier Load(ArchitectureDescriptor fallback, ImageShape? shape, string dataName, Device device)
    {
        TorchImageClassifier classifier;
        if (Path is null)
        {
            if (DescribesAnOnnxModel)
                throw new ArgumentException("--input-name, --classes, --mean, --std and --output describe an ONNX --model; without --model the shipped weights are used.");
            classifier = Architecture(fallback).Load(null, device);
        }
        else if (ModelFormatRegistry.For(Path) == ModelFormatRegistry.Onnx)
        {
            if (ArchitectureName is not null)
                throw new ArgumentException($"--arch: {Path} is an ONNX model, which holds its own network; --arch applies to weight files only.");
            classifier = ModelFormatRegistry.Load(Path, Request with { InputShape = shape ?? fallback.InputShape }, device);
        }
        else
        {
            if (DescribesAnOnnxModel)
                throw new ArgumentException($"--input-name, --classes, --mean, --std and --output apply to ONNX models; {Path} holds weights for --arch {Architecture(fallback).Name}, which defines them.");
            classifier = ModelFormatRegistry.Load(Path, new ModelRequest { Architecture = Architecture(fallback) }, device);
        }
        if (shape is not null && classifier.InputShape != shape)
        {
            string model = classifier.InputShape.ToString();
            classifier.Dispose();
            throw new ArgumentException($"The model takes {model} images; {dataName}'s are {shape}. Choose a model for that data (--model, --arch).");
        }
        return classifier;
    }
}
