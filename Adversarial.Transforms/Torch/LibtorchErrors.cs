namespace MlNetAdversarial.Transforms.Torch;

/// <summary>libtorch's error text without the C++ backtrace TorchSharp appends to it.</summary>
public static class LibtorchErrors
{
    private const string Backtrace = "Exception raised from";

    /// <summary>The message up to libtorch's "Exception raised from … (most recent call first):" and its frames.</summary>
    public static string MessageOf(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string message = error.Message;
        int backtrace = message.IndexOf(Backtrace, StringComparison.Ordinal);
        return (backtrace >= 0 ? message[..backtrace] : message).Trim();
    }
}
