namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>How a sweep's sanity checks came to their outcome.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SanityCheckStatus>))]
public enum SanityCheckStatus
{
    /// <summary>Run in this evaluation.</summary>
    Ran,

    /// <summary>Read from the cache: an earlier run with the same model, settings and images.</summary>
    Cached,

    /// <summary>Not run (<see cref="SanityCheckOptions.Enabled"/> false); the result carries a warning saying so.</summary>
    Skipped,
}
