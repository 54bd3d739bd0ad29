using System.Runtime.InteropServices;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// Switches of libtorch's global context that TorchSharp does not expose (PyTorch's
/// <c>torch.backends.mkldnn.enabled</c> and <c>torch.backends.nnpack.enabled</c>), reached through the
/// exported C++ methods of <c>at::Context</c>. Itanium-mangled names, so Linux and macOS only; elsewhere
/// every switch reports that it could not be set.
/// </summary>
internal static unsafe class LibtorchContext
{
    private static readonly Lazy<nint> Library = new(LoadLibrary);

    /// <summary>Turns oneDNN (MKL-DNN) kernels on or off for every later call; false where the switch is missing.</summary>
    public static bool TrySetOneDnn(bool enabled) => TrySet("_ZN2at7Context20setUserEnabledMkldnnEb", enabled);

    /// <summary>Turns NNPACK convolutions on or off for every later call; false where the switch is missing.</summary>
    public static bool TrySetNnpack(bool enabled) => TrySet("_ZN2at7Context20setUserEnabledNNPACKEb", enabled);

    private static bool TrySet(string setter, bool enabled)
    {
        nint library = Library.Value;
        if (library == 0
            || !NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out nint global)
            || !NativeLibrary.TryGetExport(library, setter, out nint set))
            return false;
        nint context = ((delegate* unmanaged<nint>)global)();
        ((delegate* unmanaged<nint, byte, void>)set)(context, enabled ? (byte)1 : (byte)0);
        return true;
    }

    // TorchSharp has loaded libtorch_cpu by now: loading it again, by name or by the path the process
    // mapped it from, returns that same copy.
    private static nint LoadLibrary()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return 0;
        string name = OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
        if (NativeLibrary.TryLoad(name, out nint handle))
            return handle;
        return MappedPath(name) is { } path && NativeLibrary.TryLoad(path, out handle) ? handle : 0;
    }

    private static string? MappedPath(string name)
    {
        const string Maps = "/proc/self/maps";
        if (!File.Exists(Maps))
            return null;
        return File.ReadLines(Maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? line[slash..] : "")
            .FirstOrDefault(path => Path.GetFileName(path) == name);
    }
}
