using System.IO.Compression;
using System.Reflection;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests;

/// <summary>
/// The folder feed `dotnet pack -c Release` writes (artifacts/packages), which the notebooks restore from. Its
/// packages must hold the very assemblies these tests were built with (the build is deterministic), or a
/// notebook would test other code than the rest of the suite.
/// </summary>
internal static class LocalFeed
{
    public static string Folder { get; } = Path.Combine(Repository.Root, "artifacts", "packages");

    /// <summary>The version the packages of this build carry (the informational version without its commit).</summary>
    public static string Version { get; } =
        typeof(ReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    /// <summary>Why the feed cannot serve this build, or null when it can.</summary>
    public static string? Problem()
    {
        foreach (var assembly in new[] { typeof(TorchImageClassifier).Assembly, typeof(ReportWriter).Assembly })
        {
            string id = assembly.GetName().Name!;
            string package = Path.Combine(Folder, $"{id}.{Version}.nupkg");
            if (!File.Exists(package))
                return $"{package} is missing: run `dotnet pack MlNetAdversarial.sln -c Release` in {Repository.Root} first.";
            using var archive = ZipFile.OpenRead(package);
            var entry = archive.GetEntry($"lib/net10.0/{id}.dll");
            if (entry is null)
                return $"{package} holds no lib/net10.0/{id}.dll.";
            using var packed = new MemoryStream();
            using (var stream = entry.Open())
                stream.CopyTo(packed);
            if (!packed.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(assembly.Location)))
                return $"{package} was packed from other sources than this build's {id}.dll: run `dotnet pack MlNetAdversarial.sln -c Release` again.";
        }
        return null;
    }
}
