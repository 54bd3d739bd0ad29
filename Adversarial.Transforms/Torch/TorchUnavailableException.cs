namespace MlNetAdversarial.Transforms.Torch;

/// <summary>libtorch could not be loaded; the message says why and what to do.</summary>
public sealed class TorchUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
