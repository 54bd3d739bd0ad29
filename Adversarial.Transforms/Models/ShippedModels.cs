using System.Security.Cryptography;
using TorchSharp;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// The pretrained weights embedded in this assembly, so they are found wherever the library is
/// installed, whatever the working folder.
/// </summary>
public static class ShippedModels
{
    private const string Prefix = "MlNetAdversarial.Models.";

    /// <summary>The file names of the embedded weights.</summary>
    public static IReadOnlyList<string> Files => typeof(ShippedModels).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The bytes of an embedded weights file.</summary>
    /// <exception cref="FileNotFoundException">No such file is embedded.</exception>
    public static byte[] Read(string file)
    {
        using var stream = typeof(ShippedModels).Assembly.GetManifestResourceStream(Prefix + file)
            ?? throw new FileNotFoundException($"No shipped weights named '{file}'; shipped: {string.Join(", ", Files)}.", file);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Writes an embedded weights file to <paramref name="path"/> (temporary file, then rename).</summary>
    public static void Extract(string file, string path)
    {
        string full = Path.GetFullPath(path);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, Read(file));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Loads an embedded TorchSharp weights file into <paramref name="network"/>; returns its SHA-256.</summary>
    internal static string Load(torch.nn.Module network, string file)
    {
        byte[] bytes = Read(file);
        using (var stream = new MemoryStream(bytes, writable: false))
            network.load(stream);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
