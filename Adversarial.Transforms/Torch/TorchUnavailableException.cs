namespace MlNetAdversarial.Transforms.Torch;

/// <summary>libtorch could not be loaded, or computes wrong results here; the message says why and what to do.</summary>
public sealed class TorchUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TorchUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
