namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// Decides, once per process, whether libtorch may use oneDNN for convolutions: on by default, off where
/// <see cref="ConvolutionGradientCheck"/> finds its results wrong (libtorch's own kernels are then used),
/// or as <see cref="TorchRuntime.OneDnnVariable"/> says.
/// </summary>
internal static class OneDnnGuard
{
    /// <summary>Applies the choice; returns the sentence <see cref="TorchRuntime.ConvolutionBackend"/> reports.</summary>
    /// <exception cref="ArgumentException">The variable holds something other than auto, on or off.</exception>
    /// <exception cref="TorchUnavailableException">Convolutions are wrong here and oneDNN cannot be turned off.</exception>
    public static string Configure()
    {
        string setting = (Environment.GetEnvironmentVariable(TorchRuntime.OneDnnVariable) ?? "auto").Trim().ToLowerInvariant();
        switch (setting)
        {
            case "on":
                return $"oneDNN ({TorchRuntime.OneDnnVariable}=on: not checked)";
            case "off":
                return TurnOff($"{TorchRuntime.OneDnnVariable}=off") ?? throw NoSwitch($"{TorchRuntime.OneDnnVariable}=off");
            case "" or "auto":
                break;
            default:
                throw new ArgumentException(
                    $"{TorchRuntime.OneDnnVariable}='{setting}' is not a setting: expected auto (check oneDNN and use it where it is right), on or off.");
        }
        double error = ConvolutionGradientCheck.LargestRelativeError();
        if (error <= ConvolutionGradientCheck.Tolerance)
            return "oneDNN (checked against float64)";
        string reason = double.IsInfinity(error)
            ? "oneDNN's float32 convolutions give NaN where float64 gives numbers on this CPU"
            : $"oneDNN's float32 convolutions differ from float64 by {error:G2} (relative) on this CPU";
        string choice = TurnOff(reason) ?? throw NoSwitch(reason);
        double after = ConvolutionGradientCheck.LargestRelativeError();
        if (after > ConvolutionGradientCheck.Tolerance)
            throw new TorchUnavailableException(
                $"{reason}, and libtorch's own kernels still differ by {after:G2} with oneDNN off: convolutional models would give wrong results here.");
        return choice;
    }

    private static string? TurnOff(string reason) =>
        LibtorchContext.TrySetOneDnn(false) ? $"libtorch's own kernels ({reason})" : null;

    private static TorchUnavailableException NoSwitch(string reason) => new(
        $"{reason}, and this libtorch offers no switch to turn oneDNN off. Start the process with ONEDNN_MAX_CPU_ISA=SSE41 " +
        "in its environment (oneDNN reads it before its first kernel), which gives correct convolutions on the CPUs where this was seen.");
}
