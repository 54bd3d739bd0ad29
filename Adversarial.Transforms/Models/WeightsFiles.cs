using System.Collections;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// Loads and saves a network's weights in TorchSharp, PyTorch (state_dict pickle) or safetensors format,
/// chosen by the file extension. Before loading, the file's keys and shapes are compared with the
/// network's, so a mismatch is one error that lists missing keys, unexpected keys and wrong shapes.
/// </summary>
public static class WeightsFiles
{
    /// <summary>The format a path's extension names.</summary>
    public static WeightsFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pt" or ".pth" => WeightsFormat.PyTorch,
        ".safetensors" => WeightsFormat.Safetensors,
        _ => WeightsFormat.TorchSharp,
    };

    /// <summary>Loads weights into <paramref name="network"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file does not fit the network (keys or shapes listed).</exception>
    public static void Load(nn.Module network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model weights file not found: {path}", path);
        var format = FormatOf(path);
        try
        {
            if (format != WeightsFormat.TorchSharp)
                CheckKeysAndShapes(network, path, PyBridgeWeights.ReadShapes(path, format));
            switch (format)
            {
                case WeightsFormat.TorchSharp:
                    network.load(path);
                    break;
                default:
                    PyBridgeWeights.Load(network, path, format);
                    break;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or NotImplementedException
                                      or NotSupportedException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"{path} does not hold {format} weights for {network.GetName()}: {e.Message}", e);
        }
    }

    /// <summary>Saves <paramref name="network"/>'s weights in <paramref name="format"/> (temporary file, then rename).</summary>
    public static void Save(nn.Module network, string path, WeightsFormat format)
    {
        ArgumentNullException.ThrowIfNull(network);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            switch (format)
            {
                case WeightsFormat.TorchSharp:
                    network.save(temp);
                    break;
                default:
                    PyBridgeWeights.Save(network, temp, format);
                    break;
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void CheckKeysAndShapes(nn.Module network, string path, Dictionary<string, long[]> found)
    {
        var expected = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        var missing = expected.Keys.Except(found.Keys).Order().ToArray();
        var unexpected = found.Keys.Except(expected.Keys).Order().ToArray();
        var wrongShapes = expected.Keys.Intersect(found.Keys).Where(k => !expected[k].SequenceEqual(found[k]))
            .Select(k => $"{k}: file [{string.Join(", ", found[k])}], network [{string.Join(", ", expected[k])}]").ToArray();
        if (missing.Length + unexpected.Length + wrongShapes.Length == 0)
            return;
        throw new InvalidDataException(
            $"{path} does not fit {network.GetName()}." +
            (missing.Length > 0 ? $" Missing keys: {string.Join(", ", missing)}." : "") +
            (unexpected.Length > 0 ? $" Unexpected keys: {string.Join(", ", unexpected)}." : "") +
            (wrongShapes.Length > 0 ? $" Wrong shapes: {string.Join("; ", wrongShapes)}." : ""));
    }
}
