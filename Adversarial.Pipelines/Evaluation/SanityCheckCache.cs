using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Storage;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Sanity-check outcomes on disk, one JSON file per key. The key is SHA-256 over everything the checks read: the model
/// (weights hash, wrapper and device), the attack (name, every parameter, the shared settings), the budgets, the checked
/// images and labels themselves, and the tool's version (a new version may check differently).
/// </summary>
internal static class SanityCheckCache
{
    private const string Prefix = "sanity-checks-";

    /// <summary>The library's version (the tool's, as reports give it): a new version may check differently.</summary>
    public static string Version { get; } =
        typeof(SanityCheckCache).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The key, or empty when the model has no weights hash (an in-memory network cannot be recognised again).</summary>
    public static string Key(TorchImageClassifier classifier, IAttack attack, IReadOnlyList<double?> budgets, IDataView checkedImages)
    {
        if (classifier.WeightsSha256.Length == 0)
            return "";
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder()
            .AppendLine(inv, $"tool {Version}")
            .AppendLine(inv, $"model {classifier.WeightsSha256} {classifier.Name} {classifier.Architecture} {classifier.Output} {classifier.InputShape} {classifier.Device}")
            .AppendLine(inv, $"wrapper {Join(classifier.Mean)} / {Join(classifier.Std)} {classifier.Adapter?.Description}")
            .AppendLine(inv, $"attack {attack.Name} {attack.Norm} {attack.IsWhiteBox} {attack.Settings}")
            .AppendLine(inv, $"parameters {string.Join(";", attack.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}")
            .AppendLine(inv, $"budgets {string.Join(";", budgets.Select(b => b?.ToString("R", inv) ?? "minimal"))}");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        AppendImages(hash, checkedImages);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The cached outcome of <paramref name="key"/>, or null when there is none (or it cannot be read).</summary>
    public static CachedSanityChecks? TryRead(string folder, string key)
    {
        string path = PathOf(folder, key);
        if (!File.Exists(path))
            return null;
        try
        {
            var cached = JsonSerializer.Deserialize<CachedSanityChecks>(File.ReadAllText(path), JsonFiles.Options);
            return cached is not null && cached.Key == key && cached.Warnings is not null ? cached : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // A damaged or unreadable entry is a miss: the checks run again and rewrite it.
            return null;
        }
    }

    /// <summary>Stores an outcome (through a temporary file, so a reader never sees half of it).</summary>
    public static void Write(string folder, CachedSanityChecks outcome) =>
        AtomicFile.WriteAllText(PathOf(folder, outcome.Key), JsonSerializer.Serialize(outcome, JsonFiles.Options));

    private static string PathOf(string folder, string key) => Path.Combine(folder, Prefix + key + ".json");

    private static string Join(IReadOnlyList<float>? values) =>
        values is null ? "-" : string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static void AppendImages(IncrementalHash hash, IDataView images)
    {
        var image = images.Schema[AdversarialColumns.Image];
        var label = images.Schema[AdversarialColumns.Label];
        using var cursor = images.GetRowCursor([image, label]);
        var imageGetter = cursor.GetGetter<VBuffer<float>>(image);
        var labelGetter = cursor.GetGetter<uint>(label);
        VBuffer<float> pixels = default;
        uint labelValue = 0;
        while (cursor.MoveNext())
        {
            imageGetter(ref pixels);
            labelGetter(ref labelValue);
            // Image columns are dense: hash the stored values in place, copying only a sparse one.
            var values = pixels.IsDense ? pixels.GetValues() : pixels.DenseValues().ToArray();
            hash.AppendData(MemoryMarshal.AsBytes(values));
            hash.AppendData(BitConverter.GetBytes(labelValue));
        }
    }
}
