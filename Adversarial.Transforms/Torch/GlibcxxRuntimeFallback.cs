using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TorchSharp;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// The run-time form of the build's GLIBCXX fix (build/WeakenGlibcxxVersion.targets), for hosts where no
/// build of ours prepared TorchSharp's native library: a notebook kernel loads TorchSharp straight from the
/// NuGet package folder, which is never modified. Where the system libstdc++ lacks the version and the
/// library TorchSharp would load still requires it, a weakened copy goes to the per-user data folder, with
/// links to the libtorch libraries it finds through $ORIGIN, and is loaded before TorchSharp looks for it.
/// </summary>
internal static partial class GlibcxxRuntimeFallback
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private const string NativeFolder = "runtimes/linux-x64/native";
    private static string? _patched;

    /// <summary>The weakened copy in use, or null where none was needed.</summary>
    public static string? PatchedLibrary => _patched;

    /// <summary>Call before the first torch call; does nothing where the library loads as it is.</summary>
    public static void Install()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 || _patched is not null)
            return;
        if (ElfVersionRequirement.SystemLibStdCxx() is not { } system || !ElfVersionRequirement.SystemLacksGlibcxx(system))
            return;
        if (OriginalCandidates().FirstOrDefault(File.Exists) is not { } original)
            return;
        byte[] elf = File.ReadAllBytes(original);
        if (ElfVersionRequirement.MarkWeak(elf, ElfVersionRequirement.Glibcxx, out bool changed) is not null || !changed)
            return;

        // Named by the weakened bytes, which differ from the original's in two bytes only: one copy per original.
        string folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.DoNotVerify), "mlnet-adversarial", "native",
            Convert.ToHexStringLower(SHA256.HashData(elf))[..16]);
        Directory.CreateDirectory(folder);
        string patched = Path.Combine(folder, LibraryFile);
        if (!File.Exists(patched))
        {
            string temp = Path.Combine(folder, $".{LibraryFile}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temp, elf);
            File.Move(temp, patched, overwrite: true);
        }
        foreach (string dependency in LibtorchFolders(original).SelectMany(Directory.EnumerateFiles)
                     .Where(path => Path.GetFileName(path) != LibraryFile && Path.GetFileName(path).Contains(".so")))
        {
            string link = Path.Combine(folder, Path.GetFileName(dependency));
            if (!File.Exists(link))
            {
                try { File.CreateSymbolicLink(link, dependency); }
                catch (IOException) when (File.Exists(link)) { } // another process made it first
            }
        }
        // Loaded first, TorchSharp's own load of "libLibTorchSharp.so" by name finds it by its soname.
        NativeLibrary.Load(patched);
        _patched = patched;
    }

    /// <summary>Where TorchSharp's native library is: the app's output (with or without a runtime identifier) or the package.</summary>
    internal static IEnumerable<string> OriginalCandidates()
    {
        yield return Path.Combine(AppContext.BaseDirectory, LibraryFile);
        yield return Path.Combine(AppContext.BaseDirectory, NativeFolder, LibraryFile);
        if (TorchSharpPackage() is { } package)
            yield return Path.Combine(package.Home, NativeFolder, LibraryFile);
    }

    private static IEnumerable<string> LibtorchFolders(string original)
    {
        yield return Path.GetDirectoryName(original)!;
        if (TorchSharpPackage() is not { } package)
            yield break;
        // TorchSharp-cpu names the libtorch-cpu version its native library was built against.
        string nuspec = Path.Combine(package.PackagesRoot, "torchsharp-cpu", package.Version, "torchsharp-cpu.nuspec");
        if (File.Exists(nuspec) && LibtorchDependency().Match(File.ReadAllText(nuspec)) is { Success: true } match)
        {
            string natives = Path.Combine(package.PackagesRoot, "libtorch-cpu-linux-x64", match.Groups[1].Value, NativeFolder);
            if (Directory.Exists(natives))
                yield return natives;
        }
    }

    /// <summary>TorchSharp loaded from a NuGet package folder: .../torchsharp/VERSION/lib/TFM/TorchSharp.dll.</summary>
    private static (string Home, string Version, string PackagesRoot)? TorchSharpPackage()
    {
        string? lib = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (string.IsNullOrEmpty(lib))
            return null;
        var home = Directory.GetParent(lib)?.Parent;
        var packageFolder = home?.Parent;
        if (home is null || packageFolder?.Parent is null || !packageFolder.Name.Equals("torchsharp", StringComparison.OrdinalIgnoreCase))
            return null;
        return (home.FullName, home.Name, packageFolder.Parent.FullName);
    }

    [GeneratedRegex("<dependency id=\"libtorch-cpu\" version=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex LibtorchDependency();
}
