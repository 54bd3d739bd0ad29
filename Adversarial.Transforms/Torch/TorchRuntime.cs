using System.Globalization;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// The one owner of libtorch's process-wide settings: it loads the native library once, with
/// passive OpenMP waiting and a fixed thread count, and turns a load failure into one clear message.
/// </summary>
/// <remarks>
/// Parallelism is across batches, not inside them: libtorch runs each call on one thread and the
/// batched transforms compute <see cref="ParallelBatches"/> batches at once (on the CPU; a GPU runs one
/// stream of larger batches). LeNet's layers are too small
/// for libtorch's own threads to pay off (on 2 cores they gave 1.5× where two independent batches
/// give 1.9×), and the results are the same either way, image for image.
/// </remarks>
public static partial class TorchRuntime
{
    /// <summary>Environment variable that overrides <see cref="ParallelBatches"/> (default: one per core).</summary>
    public const string ParallelBatchesVariable = "ADVERSARIAL_PARALLEL_BATCHES";

    /// <summary>
    /// Environment variable for oneDNN convolutions: auto (default: used where a float64 check at start-up
    /// finds them right, libtorch's own kernels elsewhere), on (used unchecked) or off.
    /// </summary>
    public const string OneDnnVariable = "ADVERSARIAL_ONEDNN";

    /// <summary>
    /// Environment variable for glibc's heap settings: tuned (default: libtorch's buffers stay in the heap between calls,
    /// see <see cref="NativeHeapSettings"/>) or default (glibc's own, for a host process that manages them itself).
    /// </summary>
    public const string NativeHeapVariable = "ADVERSARIAL_NATIVE_HEAP";

    private static readonly Lock InitLock = new();
    private static volatile bool _initialized;
    private static int _threads;
    private static string _convolutionBackend = "";
    private static string _nativeHeap = "";

    /// <summary>How many batches the batched transforms compute at once on the CPU, each on one torch thread.</summary>
    public static int ParallelBatches
    {
        get
        {
            EnsureInitialized();
            return _threads;
        }
    }

    /// <summary>
    /// Which kernels compute convolutions on the CPU in this process, and why: oneDNN where it passed the
    /// start-up check against float64, libtorch's own kernels where it did not (see <see cref="OneDnnVariable"/>).
    /// </summary>
    public static string ConvolutionBackend
    {
        get
        {
            EnsureInitialized();
            return _convolutionBackend;
        }
    }

    /// <summary>
    /// How glibc's heap is set up for libtorch in this process (see <see cref="NativeHeapVariable"/>): with glibc's
    /// defaults, worker threads hand freed tensor buffers back to the kernel and page-fault them in again at the next call,
    /// which cost a third of a CIFAR ResNet's forward and backward time.
    /// </summary>
    public static string NativeHeapSettings
    {
        get
        {
            EnsureInitialized();
            return _nativeHeap;
        }
    }

    /// <summary>
    /// Parses a device as the command line and options give it: "cpu", "cuda" or "cuda:N", and checks
    /// that this build of TorchSharp can reach it.
    /// </summary>
    /// <exception cref="ArgumentException">The text names no device, or CUDA is not available here.</exception>
    public static torch.Device ParseDevice(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = text.Trim().ToLowerInvariant();
        if (!IsDeviceName(name))
            throw new ArgumentException($"'{text}' is not a device; expected cpu, cuda or cuda:N.", nameof(text));
        EnsureInitialized();
        if (name != "cpu" && !torch.cuda.is_available())
            throw CudaUnavailable(name);
        var device = torch.device(name);
        EnsureInitialized(device);
        return device;
    }

    /// <summary>Whether <paramref name="text"/> is spelled as a device (cpu, cuda, cuda:N), without loading libtorch.</summary>
    public static bool IsDeviceName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = text.Trim().ToLowerInvariant();
        return name is "cpu" or "cuda"
            || name.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(name[5..], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>
    /// Loads libtorch if it is not loaded yet (and the CUDA backend when <paramref name="device"/> is a
    /// GPU). Safe to call from any thread, any number of times.
    /// </summary>
    /// <exception cref="TorchUnavailableException">The native library cannot be loaded here.</exception>
    /// <exception cref="ArgumentException">A CUDA device is asked for and this TorchSharp build has no CUDA.</exception>
    public static void EnsureInitialized(torch.Device? device)
    {
        EnsureInitialized();
        if (device is null || device.type == DeviceType.CPU)
            return;
        if (device.type != DeviceType.CUDA || !torch.cuda.is_available())
            throw CudaUnavailable(device.ToString());
        if (device.index >= torch.cuda.device_count())
            throw new ArgumentException($"Device '{device}' does not exist: {torch.cuda.device_count()} CUDA device(s) are visible.");
    }

    /// <summary>
    /// Loads libtorch if it is not loaded yet. Safe to call from any thread, any number of times.
    /// </summary>
    /// <exception cref="TorchUnavailableException">The native library cannot be loaded here, or computes wrong convolutions.</exception>
    public static void EnsureInitialized()
    {
        if (_initialized)
        {
            return;
        }
        lock (InitLock)
        {
            if (_initialized)
            {
                return;
            }
            // ML.NET cursors call torch from more than one thread; with OpenMP's default active wait
            // the idle team spins against the working one and runs get 10-20x slower. OpenMP reads
            // this when libtorch loads, from the C environment, which Environment.SetEnvironmentVariable
            // does not reach.
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                _ = SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0);
            }
            _nativeHeap = NativeHeap.Configure();
            try
            {
                GlibcxxRuntimeFallback.Install();
                torch.InitializeDeviceType(DeviceType.CPU);
                _threads = ResolveThreadCount();
                torch.set_num_threads(1);
                // NNPACK is libtorch's choice where oneDNN is not used (float64, oneDNN off); on a CPU it
                // cannot start on, it warns on stderr at every such call. Off, those convolutions take
                // libtorch's own kernels on every machine: one numerical path.
                _ = LibtorchContext.TrySetNnpack(false);
                _convolutionBackend = OneDnnGuard.Configure();
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException
                                          or BadImageFormatException or EntryPointNotFoundException
                                          or NotSupportedException or IOException or UnauthorizedAccessException)
            {
                throw new TorchUnavailableException(NativeLoadDiagnosis.Explain(e), e);
            }
            _initialized = true;
        }
    }

    private static int ResolveThreadCount()
    {
        string? configured = Environment.GetEnvironmentVariable(ParallelBatchesVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Math.Max(1, Environment.ProcessorCount);
        }
        if (!int.TryParse(configured, out int threads) || threads < 1)
        {
            throw new ArgumentException(
                $"{ParallelBatchesVariable}='{configured}' is not a valid thread count: expected a whole number of at least 1.");
        }
        return threads;
    }

    private static ArgumentException CudaUnavailable(string device) => new(
        $"Device '{device}' is not available: this process has TorchSharp's CPU build (TorchSharp-cpu) or no GPU. " +
        "Reference TorchSharp-cuda-linux (or TorchSharp-cuda-windows) instead of TorchSharp-cpu, on a machine with an NVIDIA driver.");

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
