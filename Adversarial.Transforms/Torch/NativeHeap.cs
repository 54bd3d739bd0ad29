using System.Runtime.InteropServices;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// Keeps libtorch's tensor buffers in glibc's heap between calls. Torch runs on worker threads, whose glibc arenas hand a
/// freed buffer back to the kernel (a large one is its own mmap, the top of an arena is trimmed), so every next activation
/// of the same size is page-faulted in and zeroed again: measured on the CIFAR ResNet at batch 64 on one thread, forward and
/// backward ran at 230 images/s with glibc's defaults and 365 with these settings, where PyTorch 1.13 (on Python's
/// main-thread heap) runs at 375.
/// </summary>
/// <remarks>
/// Process-wide and applied once, before libtorch's first allocation; <see cref="TorchRuntime.NativeHeapVariable"/>=default
/// leaves glibc's settings alone. Elsewhere than glibc on Linux nothing is changed.
/// </remarks>
internal static partial class NativeHeap
{
    // glibc's mallopt parameters (malloc.h).
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    // 32 MiB is glibc's largest mmap threshold on 64-bit: buffers up to it (a CIFAR batch's largest activation is 8 MiB)
    // come from the arenas. Freed space at an arena's top is kept up to 64 MiB, about one forward pass's activations.
    private const int LargestHeapBuffer = 32 << 20;
    private const int KeptFreeTop = 64 << 20;

    /// <summary>Applies the settings; returns a sentence for diagnostics.</summary>
    /// <exception cref="ArgumentException">The variable holds something other than tuned or default.</exception>
    public static string Configure()
    {
        string setting = (Environment.GetEnvironmentVariable(TorchRuntime.NativeHeapVariable) ?? "tuned").Trim().ToLowerInvariant();
        if (setting == "default")
            return $"glibc's defaults ({TorchRuntime.NativeHeapVariable}=default)";
        if (setting is not ("" or "tuned"))
            throw new ArgumentException(
                $"{TorchRuntime.NativeHeapVariable}='{setting}' is not a setting: expected tuned (keep tensor buffers in the heap) or default (glibc's own).");
        if (!OperatingSystem.IsLinux())
            return "the platform's defaults";
        try
        {
            bool applied = MallOpt(MmapThreshold, LargestHeapBuffer) == 1 & MallOpt(TrimThreshold, KeptFreeTop) == 1;
            return applied ? "tensor buffers kept in glibc's heap" : "glibc's defaults (mallopt refused the settings)";
        }
        catch (EntryPointNotFoundException)
        {
            return "the C library's defaults (no mallopt)";
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
