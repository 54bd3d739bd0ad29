using System.Text;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>Turns a native load failure into a message a user can act on.</summary>
internal static class NativeLoadDiagnosis
{
    private const string NeededVersion = "GLIBCXX_3.4.32";

    private static readonly string[] SystemLibStdCxx =
    [
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    ];

    public static string Explain(Exception failure)
    {
        var message = new StringBuilder("TorchSharp's native library (libtorch) could not be loaded. ");
        string bridge = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        if (OperatingSystem.IsLinux())
        {
            string? libstdcxx = SystemLibStdCxx.FirstOrDefault(File.Exists);
            if (!File.Exists(bridge))
            {
                message.Append($"{bridge} is missing: build with the TorchSharp-cpu package referenced and a ")
                    .Append("linux-x64 runtime identifier (dotnet build copies it there). ");
            }
            else if (libstdcxx is not null && !Contains(libstdcxx, NeededVersion))
            {
                message.Append($"{libstdcxx} lacks {NeededVersion}, which {bridge} requires unless the build ")
                    .Append("marked that requirement weak. Rebuild with 'dotnet build' (the build does it; see ")
                    .Append("README, Known Issues) or install a libstdc++ from GCC 13 or newer. ");
            }
        }
        return message.Append("Cause: ").Append(failure.GetBaseException().Message).ToString();
    }

    private static bool Contains(string path, string version)
    {
        byte[] pattern = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(path).AsSpan().IndexOf(pattern) >= 0;
    }
}
