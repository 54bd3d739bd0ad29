using System.CommandLine;
using MlNetAdversarial.Transforms.Models;
using TorchSharp;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary><c>adversarial export-model</c>: the shipped (or given) weights as a PyTorch state_dict or safetensors.</summary>
internal static class ExportModelCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Whose network: mnist (LeNet) or cifar10 (CifarResNet).", DefaultValueFactory = _ => "mnist" };
        var format = new Option<string>("--format") { Description = "pytorch, safetensors or torchsharp.", DefaultValueFactory = _ => "pytorch" };
        var model = new Option<string?>("--model") { Description = "Weights to export (default: the shipped ones)." };
        var output = new Option<string>("--out") { Description = "File to write.", Required = true };
        var command = new Command("export-model", "Export weights so PyTorch users can load them (state_dict keys as in the PyTorch definition, e.g. conv1.weight).")
        {
            dataset, format, model, output,
        };
        command.SetAction(parsed => CommandGuard.Run(_ => Run(DatasetKind.Parse(parsed.GetValue(dataset)!), parsed.GetValue(format)!,
            parsed.GetValue(model), parsed.GetValue(output)!)));
        return command;
    }

    private static int Run(DatasetKind kind, string formatName, string? modelPath, string output)
    {
        var format = formatName.ToLowerInvariant() switch
        {
            "pytorch" => WeightsFormat.PyTorch,
            "safetensors" => WeightsFormat.Safetensors,
            "torchsharp" => WeightsFormat.TorchSharp,
            _ => throw new ArgumentException($"--format: '{formatName}' is not pytorch, safetensors or torchsharp."),
        };
        torch.nn.Module network = kind == DatasetKind.Cifar10 ? new CifarResNet() : new LeNet();
        using (network)
        {
            WeightsFiles.Load(network, modelPath ?? kind.Model.ShippedWeights);
            WeightsFiles.Save(network, output, format);
        }
        Console.WriteLine($"Wrote {output} ({format}, sha256 {TorchImageClassifier.Sha256Of(output)})");
        return 0;
    }
}
