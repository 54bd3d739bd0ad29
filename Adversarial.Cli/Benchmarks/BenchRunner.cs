using MlNetAdversarial.Pipelines.Storage;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Torch;

namespace MlNetAdversarial.Cli.Benchmarks;

/// <summary>
/// Runs each scenario in a fresh child process (so its peak memory is its own): one warm-up run, then
/// timed runs, median reported.
/// </summary>
internal static class BenchRunner
{
    public static BenchResult RunHere(BenchScenario scenario, int runs, BenchInputs inputs)
    {
        var run = scenario.Prepare(inputs);
        long images = run();
        var seconds = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        double median = seconds.Order().ElementAt(seconds.Count / 2);
        double peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        return new BenchResult(scenario.Name, scenario.Description, seconds, median, images, images / median, peak, TorchRuntime.ParallelBatches);
    }

    public static BenchResult RunInChild(BenchScenario scenario, int runs, BenchInputs inputs)
    {
        string output = Path.Combine(Path.GetTempPath(), $"adversarial-bench-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true };
        string entry = Assembly.GetEntryAssembly()!.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            start.ArgumentList.Add(entry);
        foreach (string argument in new[] { "bench", "--scenario", scenario.Name, "--runs", $"{runs}", "--child-json", output })
            start.ArgumentList.Add(argument);
        if (inputs.DataDir is not null)
        {
            start.ArgumentList.Add("--data-dir");
            start.ArgumentList.Add(inputs.DataDir);
        }
        if (scenario.TakesModel)
        {
            foreach (string argument in new[] { "--model", inputs.Model!, "--limit", $"{inputs.Limit}" })
                start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the benchmark process.");
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"Scenario {scenario.Name} failed (exit {process.ExitCode}).");
            return JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(output), JsonFiles.Options)!;
        }
        finally
        {
            File.Delete(output);
        }
    }
}
