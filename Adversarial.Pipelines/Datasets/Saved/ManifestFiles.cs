using MlNetAdversarial.Pipelines.Storage;
using System.Security.Cryptography;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Reports;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Writes manifest.json over a finished folder, and verifies a folder against its manifest.</summary>
public static class ManifestFiles
{
    /// <summary>Lists every file under <paramref name="folder"/> (but the manifest) with its checksum, and writes the manifest.</summary>
    public static DatasetManifest Write(string folder, DatasetManifest manifest)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != DatasetManifest.FileName)
            .Select(f => new ManifestFile(Path.GetRelativePath(folder, f).Replace('\\', '/'), new FileInfo(f).Length, Sha256(f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();
        var complete = manifest with { Files = files };
        File.WriteAllText(Path.Combine(folder, DatasetManifest.FileName), JsonSerializer.Serialize(complete, JsonFiles.Options));
        return complete;
    }

    /// <summary>Reads the manifest of a folder, or null when it has none.</summary>
    public static DatasetManifest? Read(string folder)
    {
        string path = Path.Combine(folder, DatasetManifest.FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path), JsonFiles.Options)
                ?? throw new DatasetUnavailableException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new DatasetUnavailableException($"{path} is not a valid manifest: {e.Message}", e);
        }
    }

    /// <summary>Checks the SHA-256 of each listed file whose path starts with one of <paramref name="prefixes"/>.</summary>
    /// <exception cref="DatasetUnavailableException">A file is missing or differs from the manifest.</exception>
    public static void Verify(string folder, DatasetManifest manifest, params string[] prefixes)
    {
        foreach (var file in manifest.Files.Where(f => prefixes.Length == 0 || prefixes.Any(p => f.Path.StartsWith(p, StringComparison.Ordinal))))
        {
            string path = Path.Combine(folder, file.Path);
            if (!File.Exists(path))
                throw new DatasetUnavailableException($"{path} is listed in {DatasetManifest.FileName} but missing.");
            string actual = Sha256(path);
            if (actual != file.Sha256)
                throw new DatasetUnavailableException(
                    $"{path} has SHA-256 {actual}; {DatasetManifest.FileName} records {file.Sha256}. The dataset was changed after it was written.");
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
