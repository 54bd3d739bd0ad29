using System.CommandLine;
using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Cli;

/// <summary>The --device option of the commands that run a model.</summary>
internal static class DeviceOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--device")
        {
            Description = "Torch device: cpu, cuda or cuda:N (CUDA needs TorchSharp-cuda-linux instead of TorchSharp-cpu; see the README).",
            DefaultValueFactory = _ => "cpu",
        };
        // The spelling is checked while parsing; whether CUDA is there, only once libtorch is loaded.
        option.Validators.Add(result =>
        {
            if (!TorchRuntime.IsDeviceName(result.GetValueOrDefault<string>()))
                result.AddError($"{CliOption.Typed(result)}: '{result.GetValueOrDefault<string>()}' is not a device; expected cpu, cuda or cuda:N (N a GPU index such as 0).");
        });
        return option;
    }

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
