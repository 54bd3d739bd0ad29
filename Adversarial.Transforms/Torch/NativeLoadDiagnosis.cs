using System.Text;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>Turns a native load failure into a message a user can act on.</summary>
internal static class NativeLoadDiagnosis
{
    public static string Explain(Exception failure)
    {
        var message = new StringBuilder("TorchSharp's native library (libtorch) could not be loaded. ");
        if (OperatingSystem.IsLinux())
        {
            string? bridge = GlibcxxRuntimeFallback.OriginalCandidates().FirstOrDefault(File.Exists);
            string? libstdcxx = ElfVersionRequirement.SystemLibStdCxx();
            if (bridge is null)
            {
                message.Append("libLibTorchSharp.so was found neither in ").Append(AppContext.BaseDirectory)
                    .Append(" (nor its runtimes/linux-x64/native/) nor in TorchSharp's package folder: reference the ")
                    .Append("TorchSharp-cpu package (MlNetAdversarial.Transforms brings it) and build for Linux x64 (a project that sets ")
                    .Append("another runtime identifier needs <RuntimeIdentifier>linux-x64</RuntimeIdentifier>). ");
            }
            else if (libstdcxx is not null && ElfVersionRequirement.SystemLacksGlibcxx(libstdcxx))
            {
                message.Append($"{libstdcxx} lacks {ElfVersionRequirement.Glibcxx}, which {bridge} requires; ")
                    .Append("the build of a project referencing MlNetAdversarial.Transforms marks that requirement weak ")
                    .Append("in its output folder (unless AdversarialWeakenGlibcxx is false), and at run time a weakened ")
                    .Append("copy is made in the per-user data folder (mlnet-adversarial/native). ")
                    .Append(GlibcxxRuntimeFallback.PatchedLibrary is { } patched ? $"The copy {patched} was used. " : "")
                    .Append("Otherwise install a libstdc++ from GCC 13 or newer. ");
            }
        }
        return message.Append("Cause: ").Append(failure.GetBaseException().Message).ToString();
    }
}
