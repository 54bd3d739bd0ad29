using System.Text.Json;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>The JSON shape of every report the tool writes.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Report = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
