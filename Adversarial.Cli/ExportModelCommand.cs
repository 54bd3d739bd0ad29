using System.CommandLine;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial export-model</c>: the shipped (or given) weights as a PyTorch state_dict or safetensors.</summary>
internal static class ExportModelCommand
{
    public static Command Create()
    {
        var arch = CliOption.Architectures(new Option<string>("--arch")
        {
            Description = $"Architecture of the weights: {ArchitectureRegistry.All.Names}.", DefaultValueFactory = _ => ArchitectureRegistry.LeNet.Name,
        });
        var format = CliOption.Choice("--format", "pytorch, safetensors or torchsharp.", "pytorch", ["pytorch", "safetensors", "torchsharp"]);
        var model = CliOption.InputFile("--model", "Weights to export (default: the shipped ones).");
        var output = CliOption.OutputFile("--out", "File to write.", required: true);
        var shipped = new Option<string?>("--shipped")
        {
            Description = "Export these shipped weights of --arch instead of its first (e.g. cifar10-resnet-fgsm-rs.bin, the adversarially trained CIFAR ResNet).",
        };
        var command = new Command("export-model", "Export weights so PyTorch users can load them (state_dict keys as in the PyTorch definition, e.g. conv1.weight).")
        {
            arch, format, model, shipped, output,
        };
        command.SetAction(parsed => CommandGuard.Run(_ => Run(SweepTargets.ParseArchitecture(parsed.GetValue(arch)!), parsed.GetValue(format)!,
            parsed.GetValue(model), parsed.GetValue(shipped), parsed.GetValue(output)!)));
        return command;
    }

    private static int Run(ArchitectureDescriptor architecture, string formatName, string? modelPath, string? shippedFile, string output)
    {
        if (shippedFile is not null)
        {
            if (modelPath is not null)
                throw new ArgumentException("--shipped and --model both name the weights to export; give one.");
            var weights = architecture.ShippedWeights.FirstOrDefault(w => w.File == shippedFile) ?? throw new ArgumentException(
                $"--shipped: '{shippedFile}' is not shipped for {architecture.Name}; shipped: {string.Join(", ", architecture.ShippedWeights.Select(w => w.File))}.");
            string temporary = Path.Combine(Path.GetTempPath(), $"adversarial-{Guid.NewGuid():N}.bin");
            try
            {
                ShippedModels.Extract(weights.File, temporary);
                return Run(architecture, formatName, temporary, null, output);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
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
