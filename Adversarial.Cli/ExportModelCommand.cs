using System.CommandLine;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial export-model</c>: the shipped (or given) weights as a PyTorch state_dict or safetensors.</summary>
internal static class ExportModelCommand
{
    public static Command Create()
    {
        var arch = new Option<string>("--arch") { Description = $"Architecture of the weights: {ArchitectureRegistry.Names}.", DefaultValueFactory = _ => ArchitectureRegistry.LeNet.Name };
        var format = new Option<string>("--format") { Description = "pytorch, safetensors or torchsharp.", DefaultValueFactory = _ => "pytorch" };
        var model = new Option<string?>("--model") { Description = "Weights to export (default: the shipped ones)." };
        var output = new Option<string>("--out") { Description = "File to write.", Required = true };
        var command = new Command("export-model", "Export weights so PyTorch users can load them (state_dict keys as in the PyTorch definition, e.g. conv1.weight).")
        {
            arch, format, model, output,
        };
        command.SetAction(parsed => CommandGuard.Run(_ => Run(SweepTargets.ParseArchitecture(parsed.GetValue(arch)!), parsed.GetValue(format)!,
            parsed.GetValue(model), parsed.GetValue(output)!)));
        return command;
    }

    private static int Run(ArchitectureDescriptor architecture, string formatName, string? modelPath, string output)
    {
        var format = formatName.ToLowerInvariant() switch
        {
            "pytorch" => WeightsFormat.PyTorch,
            "safetensors" => WeightsFormat.Safetensors,
            "torchsharp" => WeightsFormat.TorchSharp,
            _ => throw new ArgumentException($"--format: '{formatName}' is not pytorch, safetensors or torchsharp."),
        };
        using (var classifier = architecture.Load(modelPath))
            classifier.SaveWeights(output, format);
        Console.WriteLine($"Wrote {output} ({format}, sha256 {TorchImageClassifier.Sha256Of(output)})");
        return 0;
    }
}
