using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// The PyTorch state_dict and safetensors formats, through TorchSharp.PyBridge, kept apart from
/// <see cref="WeightsFiles"/> so that TorchSharp's own format never loads PyBridge.
/// </summary>
/// <remarks>
/// PyBridge 1.4.4 is built against TorchSharp 0.103. A normal .NET process binds that reference to
/// the 0.107 beside it; the .NET Interactive C# kernel (Roslyn scripting) loads a second copy of
/// TorchSharp for it instead, and any PyBridge call then fails with MissingMethodException. Keeping
/// PyBridge out of the TorchSharp-format path lets notebooks load our weights files.
/// </remarks>
internal static class PyBridgeWeights
{
    public static void Load(nn.Module network, string path, WeightsFormat format)
    {
        if (format == WeightsFormat.Safetensors)
            network.load_safetensors(path);
        else
            network.load_py(path);
    }

    public static void Save(nn.Module network, string path, WeightsFormat format)
    {
        if (format == WeightsFormat.Safetensors)
            network.save_safetensors(path);
        else
            network.save_py(path);
    }

    public static Dictionary<string, long[]> ReadShapes(string path, WeightsFormat format)
    {
        using var scope = NewDisposeScope();
        if (format == WeightsFormat.Safetensors)
            return Safetensors.LoadStateDict(path).ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        var shapes = new Dictionary<string, long[]>();
        foreach (DictionaryEntry entry in PyTorchUnpickler.UnpickleStateDict(path))
        {
            if (entry.Value is Tensor tensor)
                shapes[(string)entry.Key] = tensor.shape;
        }
        return shapes;
    }
}
