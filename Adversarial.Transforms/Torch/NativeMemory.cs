using System.Runtime.InteropServices;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// Returns free native heap pages to the operating system (glibc's <c>malloc_trim</c>), so that a long
/// streaming run does not keep the high-water mark of every malloc arena.
/// </summary>
/// <remarks>
/// libtorch allocates each batch's activations with malloc. glibc keeps freed chunks in the arena of
/// the thread that freed them and returns pages only from the top of a heap, so which pages stay
/// resident depends on how the batches interleaved; peaks wandered by ±20 MB between identical runs and
/// grew with the number of batches. Trimming every few batch groups costs well under a millisecond.
/// A no-op where glibc is absent (Windows, macOS, musl).
/// </remarks>
internal static partial class NativeMemory
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (_unavailable)
            return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
