using MlNetAdversarial.Transforms.ModelFormats;
using System.CommandLine;
using System.Globalization;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary>The options that choose the model: --model (any format), --arch, and for ONNX models what the file cannot say.</summary>
internal sealed class ModelCliOptions
{
    private readonly Option<string?> _model = CliOption.InputFile("--model",
        "Model file: .onnx (any ONNX image classifier), an ML.NET model .zip (a black box), or weights for --arch (TorchSharp .bin, PyTorch .pt/.pth, .safetensors). Default: the shipped weights.");
    private readonly Option<string?> _arch = CliOption.Architectures(new Option<string?>("--arch")
    {
        Description = $"Architecture of a weights --model (or of the shipped weights): {ArchitectureRegistry.All.Names}. Default: the dataset's.",
    });
    private readonly Option<string?> _inputName = new("--input-name") { Description = "ONNX: the graph input that takes the images (when it has several)." };
    private readonly Option<string?> _mean = CliOption.List("--mean", "ONNX: per-channel mean subtracted before the model, e.g. 0.1307 or 0.4914,0.4822,0.4465.", "0.4914,0.4822,0.4465");
    private readonly Option<string?> _std = CliOption.List("--std", "ONNX: per-channel standard deviation divided by before the model.", "0.247,0.243,0.261");
    private readonly Option<string?> _classes = CliOption.List("--classes", "ONNX: class names, as a comma list or a file with one name a line (default 0, 1, ...).", "cat,dog,frog", File.Exists);
    private readonly Option<bool> _blackBox = new("--black-box")
    {
        Description = "Score the .onnx --model through ONNX Runtime only, as a black box: no gradients, so only attacks that need none "
            + $"({AttackRegistry.BlackBoxNames}). An ML.NET model (.zip) is always a black box.",
    };
    private readonly Option<string?> _output = CliOption.Restrict(new Option<string?>("--output")
    {
        Description = "ONNX: what the scores are where the graph does not end in Softmax/LogSoftmax: logits, log-probabilities or probabilities.",
    }, ["logits", "log-probabilities", "probabilities"]);

    public void AddTo(Command command)
    {
        foreach (var option in new[] { _model, _arch, _inputName, _mean, _std, _classes, _output })
            command.Options.Add(option);
        command.Options.Add(_blackBox);
    }

    /// <summary>Whether --model was given, while the command line is parsed.</summary>
    public bool Given(System.CommandLine.Parsing.CommandResult result) => result.GetValue(_model) is not null;

    public ModelChoice Read(ParseResult parsed)
    {
        string? path = parsed.GetValue(_model);
        var mean = Floats(parsed.GetValue(_mean), "--mean");
        var std = Floats(parsed.GetValue(_std), "--std");
        if ((mean is null) != (std is null) || mean is not null && mean.Length != std!.Length)
            throw new ArgumentException("--mean and --std go together, with one value per channel each.");
        if (std is not null && std.Any(s => !(s > 0)))
            throw new ArgumentException($"--std: every value must be above 0; got {parsed.GetValue(_std)}.");
        bool blackBox = parsed.GetValue(_blackBox);
        if (blackBox && path is null)
            throw new ArgumentException("--black-box: give the model to score as a black box with --model FILE (.onnx, or an ML.NET .zip).");
        if (blackBox && ModelFormatRegistry.For(path!) == ModelFormatRegistry.Weights)
            throw new ArgumentException($"--black-box: {path} holds network weights, which run in TorchSharp with gradients; a black box is an .onnx or ML.NET .zip model.");
        var request = new ModelRequest
        {
            BlackBox = blackBox && ModelFormatRegistry.For(path!) == ModelFormatRegistry.Onnx,
            InputName = parsed.GetValue(_inputName),
            Mean = mean,
            Std = std,
            ClassNames = Classes(parsed.GetValue(_classes)),
            Output = Output(parsed.GetValue(_output)),
        };
        return new ModelChoice(path, parsed.GetValue(_arch), request);
    }

    private static float[]? Floats(string? text, string option)
    {
        if (text is null)
            return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
                throw new ArgumentException($"{option}: '{parts[i]}' in '{text}' is not a number; expected a comma list such as 0.5,0.5,0.5.");
        return values;
    }

    private static string[]? Classes(string? text)
    {
        if (text is null)
            return null;
        var names = File.Exists(text) ? File.ReadAllLines(text).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()
            : text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Length == 0 || names.Any(n => n.Length == 0))
            throw new ArgumentException($"--classes: '{text}' has an empty class name; give a comma list or a file with one name a line.");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException($"--classes: '{text}' names a class twice.");
        return names;
    }

    private static ClassifierOutput? Output(string? text) => text switch
    {
        null => null,
        "logits" => ClassifierOutput.Logits,
        "log-probabilities" => ClassifierOutput.LogProbabilities,
        "probabilities" => ClassifierOutput.Probabilities,
        _ => throw new ArgumentException($"--output: '{text}' is not one of logits, log-probabilities, probabilities."),
    };
}
