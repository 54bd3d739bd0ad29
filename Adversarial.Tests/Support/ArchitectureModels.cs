using System.Diagnostics;
using System.Text.Json;

namespace MlNetAdversarial.Tests;

/// <summary>
/// torchvision's classifiers exported to ONNX by tools/export_torchvision_architectures.py, with the float64 PyTorch FGSM
/// reference of each (Fixtures/architectures.json). The .onnx files (~1.5 GB) are never committed: the script writes them
/// into artifacts/architectures/ once, keeping the committed reference wherever a file hashes as the fixture says; a
/// network whose file hashes otherwise (another CPU or BLAS rounded its seeded statistics differently) gets its reference
/// computed afresh there, so the comparison is always with PyTorch on the weights the file holds.
/// </summary>
internal static class ArchitectureModels
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private static readonly Lazy<Dictionary<string, ArchitectureReference>> Fixture = new(() => Read(FixturePath));
    private static readonly Lazy<IReadOnlyDictionary<string, ArchitectureReference>> Exported = new(Export);

    public static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "architectures.json");

    public static string Folder => Environment.GetEnvironmentVariable("ADVERSARIAL_ARCHITECTURES") is { Length: > 0 } folder
        ? folder : Path.Combine(Repository.Root, "artifacts", "architectures");

    /// <summary>Every variant of the committed fixture (name-size), what the theories run over; nothing is exported for this.</summary>
    public static IReadOnlyList<string> Variants => Fixture.Value.Keys.ToArray();

    /// <summary>The variant's reference, its .onnx files exported first where they are missing.</summary>
    public static ArchitectureReference Reference(string variant) => Exported.Value.TryGetValue(variant, out var reference)
        ? reference : throw new InvalidOperationException($"{Folder}/reference.json has no '{variant}' after the export.");

    /// <summary>The path of the variant's file at an opset.</summary>
    public static string OnnxPath(string variant, int opset) => Path.Combine(Folder, Reference(variant).Onnx[$"{opset}"].File);

    private static Dictionary<string, ArchitectureReference> Read(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, ArchitectureReference>>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no architectures.");

    private static IReadOnlyDictionary<string, ArchitectureReference> Export()
    {
        var fixture = Fixture.Value;
        string listing = Path.Combine(Folder, "reference.json");
        if (File.Exists(listing) && Read(listing) is var existing && Complete(existing, fixture))
            return existing;
        Directory.CreateDirectory(Folder);
        const string Python = "/usr/bin/python3";
        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(Repository.Root, "tools", "export_torchvision_architectures.py"), Folder, FixturePath })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tools/export_torchvision_architectures.py exited {process.ExitCode} (it needs Debian's python3-torchvision"
                + $" for {Python}, which .ci/run installs):\n{output}\n{errors.GetAwaiter().GetResult()}");
        var exported = Read(listing);
        return Complete(exported, fixture) ? exported
            : throw new InvalidOperationException($"The export left {listing} without some of the fixture's variants:\n{output}");
    }

    // Every variant of the fixture is listed, and every file it names is there with its listed size.
    private static bool Complete(Dictionary<string, ArchitectureReference> listed, Dictionary<string, ArchitectureReference> fixture) =>
        fixture.Keys.All(variant => listed.TryGetValue(variant, out var reference) && reference.Onnx.Values.All(file =>
            new FileInfo(Path.Combine(Folder, file.File)) is { Exists: true } info && info.Length == file.Bytes));
}
