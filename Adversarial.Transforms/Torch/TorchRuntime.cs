using System.Runtime.InteropServices;
using TorchSharp;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// The one owner of libtorch's process-wide settings: it loads the native library once, with
/// passive OpenMP waiting and a fixed thread count, and turns a load failure into one clear message.
/// </summary>
/// <remarks>
/// Parallelism is across batches, not inside them: libtorch runs each call on one thread and the
/// batched transforms compute <see cref="Threads"/> batches at once. LeNet's layers are too small
/// for libtorch's own threads to pay off (on 2 cores they gave 1.5× where two independent batches
/// give 1.9×), and the results are the same either way, image for image.
/// </remarks>
public static partial class TorchRuntime
{
    /// <summary>Environment variable that overrides <see cref="Threads"/> (default: one per core).</summary>
    public const string ThreadsVariable = "ADVERSARIAL_TORCH_THREADS";

    private static readonly Lock InitLock = new();
    private static volatile bool _initialized;
    private static int _threads;

    /// <summary>How many batches the batched transforms compute at once, each on one torch thread.</summary>
    public static int Threads
    {
        get
        {
            EnsureInitialized();
            return _threads;
        }
    }

    /// <summary>
    /// Loads libtorch if it is not loaded yet. Safe to call from any thread, any number of times.
    /// </summary>
    /// <exception cref="TorchUnavailableException">The native library cannot be loaded here.</exception>
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
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
                _threads = ResolveThreadCount();
                torch.set_num_threads(1);
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException
                                          or BadImageFormatException or EntryPointNotFoundException
                                          or NotSupportedException)
            {
                throw new TorchUnavailableException(NativeLoadDiagnosis.Explain(e), e);
            }
            _initialized = true;
        }
    }

    private static int ResolveThreadCount()
    {
        string? configured = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Math.Max(1, Environment.ProcessorCount);
        }
        if (!int.TryParse(configured, out int threads) || threads < 1)
        {
            throw new ArgumentException(
                $"{ThreadsVariable}='{configured}' is not a valid thread count: expected a whole number of at least 1.");
        }
        return threads;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
