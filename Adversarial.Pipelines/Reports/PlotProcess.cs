using System.Diagnostics;
using System.Text.Json;
using MlNetAdversarial.Plots;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>
/// Runs the plotting process (tools/Adversarial.Plots, shipped in plots/ beside the tool). ScottPlot 5
/// needs SkiaSharp 3 while ML.NET.ImageAnalytics needs SkiaSharp 2.88, and one process can load only one.
/// </summary>
public static class PlotProcess
{
    private const string PlotsAssembly = "adversarial-plots.dll";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Renders every plot of the request; returns the files written.</summary>
    /// <exception cref="InvalidOperationException">The plotting process is missing or failed.</exception>
    public static IReadOnlyList<string> Render(PlotRequest request)
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

    private static string Locate()
    {
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "plots", PlotsAssembly) };
        if (RepositoryPaths.FindRoot() is { } root)
        {
            string bin = Path.Combine(root, "tools", "Adversarial.Plots", "bin");
            if (Directory.Exists(bin))
                candidates.AddRange(Directory.EnumerateFiles(bin, PlotsAssembly, SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc));
        }
        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            $"The plotting process ({PlotsAssembly}) was not found in {candidates[0]}; build the solution (dotnet build) first.");
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
