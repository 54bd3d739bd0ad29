namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>A dataset file is missing, corrupt or malformed; the message says which and what to do.</summary>
public sealed class DatasetUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
