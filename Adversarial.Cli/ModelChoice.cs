using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.ModelFormats;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Cli;

/// <summary>The model options as typed: which file (if any), which architecture, and what the file cannot say.</summary>
internal sealed record ModelChoice(string? Path, string? ArchitectureName, ModelRequest Request)
{
    /// <summary>Whether any of --input-name, --classes, --mean, --std, --output was given.</summary>
    private bool DescribesAnOnnxModel => Request.InputName is not null || Request.ClassNames is not null || Request.Output is not null
        || Request.Mean is not null || Request.Std is not null;

    /// <summary>Whether the model gives scores only: --black-box, or an ML.NET model.</summary>
    public bool IsBlackBox => Request.BlackBox || (Path is not null && ModelFormatRegistry.For(Path) == ModelFormatRegistry.MlNet);

    /// <summary>Refuses an attack that needs gradients on a black box, naming the options.</summary>
    public void RequireRunnable(IAttack attack)
    {
        if (attack.IsWhiteBox && IsBlackBox)
            throw new ArgumentException((Request.BlackBox ? $"--black-box: --attack {attack.Name} needs gradients" : $"--attack {attack.Name} needs gradients, but --model {Path} is an ML.NET model (a black box)")
                + $"; give --attack {string.Join(" or ", AttackRegistry.All.Where(a => !a.IsWhiteBox).Select(a => a.Name))}.");
    }

    /// <summary>The architecture named by --arch, else <paramref name="fallback"/>.</summary>
    public ArchitectureDescriptor Architecture(ArchitectureDescriptor fallback) =>
        ArchitectureName is null ? fallback : SweepTargets.ParseArchitecture(ArchitectureName);

    /// <summary>
    /// Loads the classifier for a built-in dataset's images (null: an image folder, resized to the model's shape), with the
    /// input adapter in front when the network takes another shape; refuses an option the choice would ignore, and a
    /// --target class the model does not have (known only once it is loaded).
    /// </summary>
    public TorchImageClassifier Load(ArchitectureDescriptor fallback, DatasetDescriptor? dataset, Device device, IAttack? attack = null)
    {
        var classifier = LoadClassifier(fallback, dataset, device);
        string? problem = dataset is not null && classifier.ClassCount != dataset.ClassNames.Count
            ? $"--model {Path}: the model gives {classifier.ClassCount} scores per image, but {dataset.Name} has {dataset.ClassNames.Count} classes "
              + $"({string.Join(", ", dataset.ClassNames)}); a model for {dataset.Name} gives one score per class, in that order."
            : attack is not null ? AttackCliOptions.TargetProblem(attack, classifier.ClassNames.Count, Path ?? "the shipped model") : null;
        if (problem is not null)
        {
            classifier.Dispose();
            throw new ArgumentException(problem);
        }
        return classifier;
    }

    private static string Invariant(float value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private TorchImageClassifier LoadClassifier(ArchitectureDescriptor fallback, DatasetDescriptor? dataset, Device device)
    {
        if (Path is null)
        {
            if (DescribesAnOnnxModel)
                throw new ArgumentException("--input-name, --classes, --mean, --std and --output describe an ONNX --model; without --model the shipped weights are used.");
            var architecture = Architecture(fallback);
            return dataset is null ? architecture.Load(null, device) : dataset.LoadClassifier(architecture, null, device);
        }
        if (ModelFormatRegistry.For(Path) == ModelFormatRegistry.Onnx)
        {
            if (ArchitectureName is not null)
                throw new ArgumentException($"--arch: {Path} is an ONNX model, which holds its own network; --arch applies to weight files only.");
            try
            {
                return ModelFormatRegistry.Load(Path, Request with { InputShape = dataset?.Shape }, device);
            }
            catch (ChannelValuesException e)
            {
                throw new ArgumentException($"--mean and --std: {Path} takes {e.Channels}-channel images, so each needs {e.Channels} value(s), "
                    + $"one per channel; {e.Given} were given (--mean {string.Join(',', Request.Mean!.Select(Invariant))}).", e);
            }
        }
        if (ModelFormatRegistry.For(Path) == ModelFormatRegistry.MlNet)
        {
            if (ArchitectureName is not null)
                throw new ArgumentException($"--arch: {Path} is an ML.NET model, which holds its own pipeline; --arch applies to weight files only.");
            return ModelFormatRegistry.Load(Path, Request with { InputShape = dataset?.Shape, ClassNames = Request.ClassNames ?? dataset?.ClassNames }, device);
        }
        if (DescribesAnOnnxModel)
            throw new ArgumentException($"--input-name, --classes, --mean, --std and --output apply to ONNX models; {Path} holds weights for --arch {Architecture(fallback).Name}, which defines them.");
        return ModelFormatRegistry.Load(Path, new ModelRequest
        {
            Architecture = Architecture(fallback),
            InputShape = dataset?.Shape,
            ClassNames = dataset?.ClassNames,
        }, device);
    }
}
