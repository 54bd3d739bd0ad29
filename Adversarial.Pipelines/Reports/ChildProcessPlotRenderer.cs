using System.Diagnostics;
using System.Text.Json;
using MlNetAdversarial.Plots;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>
/// Draws the plots in a child process (tools/Adversarial.Plots, shipped in plots/ beside this library's
/// assembly, wherever it is installed). ScottPlot 5 needs SkiaSharp 3 while ML.NET.ImageAnalytics
/// needs SkiaSharp 2.88, and one process can load only one.
/// </summary>
public sealed class ChildProcessPlotRenderer : IPlotRenderer
{
    /// <summary>The renderer beside this library.</summary>
    public static ChildProcessPlotRenderer Default { get; } = new();

    private const string PlotsAssembly = "adversarial-plots.dll";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Renders every plot of the request; returns the files written.</summary>
    /// <exception cref="InvalidOperationException">The plotting process is missing or failed.</exception>
    public IReadOnlyList<string> Render(PlotRequest request)
    {
        string assembly = Locate();
        string requestPath = Path.Combine(Path.GetTempPath(), $"adversarial-plots-{Guid.NewGuid():N}.json");
        File.WriteAllText(requestPath, JsonSerializer.Serialize(request, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        try
        {
            var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(assembly);
            start.ArgumentList.Add(requestPath);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName} {assembly}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"The plotting process did not finish within {Timeout.TotalSeconds} s.");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"The plotting process failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.EndsWith(".png", StringComparison.Ordinal) || line.EndsWith(".svg", StringComparison.Ordinal))
                .ToArray();
        }
        finally
        {
            File.Delete(requestPath);
        }
    }

    /// <summary>
    /// Where the plotting process is looked for: plots/ beside this library's assembly (an app's output, where the
    /// package's build targets copy it), then the package's own plots/ (lib/TFM/../../plots, for hosts such as
    /// notebook kernels that load the assembly straight from the package folder).
    /// </summary>
    public static IReadOnlyList<string> Candidates { get; } = LocateCandidates();

    /// <summary>The plotting process that will run: the first candidate that exists, else the first candidate.</summary>
    public static string AssemblyPath => Candidates.FirstOrDefault(File.Exists) ?? Candidates[0];

    private static string[] LocateCandidates()
    {
        string folder = Path.GetDirectoryName(typeof(ChildProcessPlotRenderer).Assembly.Location) is { Length: > 0 } here ? here : AppContext.BaseDirectory;
        return [Path.Combine(folder, "plots", PlotsAssembly), Path.GetFullPath(Path.Combine(folder, "..", "..", "plots", PlotsAssembly))];
    }

    private static string Locate() => File.Exists(AssemblyPath) ? AssemblyPath : throw new InvalidOperationException(
        $"The plotting process ({PlotsAssembly}) was not found at {string.Join(" or ", Candidates)}; it ships in the " +
        $"{typeof(ChildProcessPlotRenderer).Assembly.GetName().Name} package, whose build targets copy it to plots/ of the output folder.");

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
