using System.Text.Json;

namespace MlNetAdversarial.Pipelines.Storage;

/// <summary>The JSON settings of every file the library writes and reads back (reports, manifests, partial sweeps, baselines, pipelines).</summary>
public static class JsonFiles
{
    /// <summary>camelCase, indented, named floating-point literals, non-ASCII kept as it is.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Reports are read by people: keep "→", "+" and non-ASCII class names as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
