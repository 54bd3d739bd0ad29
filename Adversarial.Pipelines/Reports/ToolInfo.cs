using System.Reflection;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>Name and version of this tool, for manifests and reports.</summary>
public static class ToolInfo
{
    /// <summary>The tool's name.</summary>
    public const string Name = "MlNetAdversarial";

    /// <summary>The informational version of the assembly.</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
