namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>A dataset file is missing, corrupt or malformed; the message says which and what to do.</summary>
public sealed class DatasetUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>Whether files of the dataset were not found (rather than found and unreadable).</summary>
    public bool FilesMissing { get; init; }

    /// <summary>The data folder the files were looked for in when one was named (<see cref="DatasetLocator.DataDir"/>), else null.</summary>
    public string? DataDirectory { get; init; }
}
