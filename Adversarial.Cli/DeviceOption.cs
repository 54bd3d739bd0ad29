using System.CommandLine;
using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Cli;

/// <summary>The --device option of the commands that run a model.</summary>
internal static class DeviceOption
{
    public static Option<string> Create() => new("--device")
    {
        Description = "Torch device: cpu, cuda or cuda:N (CUDA needs TorchSharp-cuda-linux instead of TorchSharp-cpu; see the README).",
        DefaultValueFactory = _ => "cpu",
    };

    public static Device Read(ParseResult parsed, Option<string> option)
    {
        string text = parsed.GetValue(option)!;
        try
        {
            return TorchRuntime.ParseDevice(text);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--device: {e.Message.Split(" (Parameter", 2)[0]}", e);
        }
    }
}
