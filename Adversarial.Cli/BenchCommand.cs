using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Storage;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlNetAdversarial.Cli.Benchmarks;
using MlNetAdversarial.Pipelines.Reports;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial bench</c>: images per second, wall time and peak memory of the main workloads.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var scenario = CliOption.Choice("--scenario", $"all, or one of: {string.Join(", ", BenchScenarios.All.Select(s => s.Name))}.", "all",
            ["all", .. BenchScenarios.All.Select(s => s.Name)]);
        var runs = CliOption.Count("--runs", "Timed runs per scenario (after one warm-up; default 3).");
        var dataDir = CliOption.InputFolder("--data-dir", "Folder holding the dataset files.");
        var json = CliOption.OutputFile("--json", "Also write the results as JSON to this path.");
        var child = new Option<string?>("--child-json") { Hidden = true };
        var command = new Command("bench", "Measure images/s, wall time and peak memory (each scenario in its own process).")
        {
            scenario, runs, dataDir, json, child,
        };
        command.SetAction(parsed => CommandGuard.Run(_ => Run(parsed.GetValue(scenario)!, parsed.GetValue(runs) ?? 3, parsed.GetValue(dataDir),
            parsed.GetValue(json), parsed.GetValue(child))));
        return command;
    }

    private static int Run(string name, int runs, string? dataDir, string? jsonPath, string? childJson)
    {
        var chosen = name == "all"
            ? BenchScenarios.All
            : [BenchScenarios.All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException(
                $"--scenario: '{name}' is not known; expected all or one of {string.Join(", ", BenchScenarios.All.Select(s => s.Name))}.")];
        if (childJson is not null)
        {
            AtomicFile.WriteAllText(childJson, JsonSerializer.Serialize(BenchRunner.RunHere(chosen[0], runs, dataDir), JsonFiles.Options));
            return 0;
        }
        var results = new List<BenchResult>();
        Console.WriteLine($"{"scenario",-20} {"median s",9} {"images/s",10} {"peak RSS MB",12}  runs");
        foreach (var scenario in chosen)
        {
            var result = BenchRunner.RunInChild(scenario, runs, dataDir);
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Scenario,-20} {result.MedianSeconds,9:0.000} {result.ImagesPerSecond,10:0} {result.PeakRssMegabytes,12:0}  {string.Join(" ", result.Runs.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))}"));
        }
        foreach (var result in results)
            Console.WriteLine($"  {result.Scenario}: {result.Description}");
        if (jsonPath is not null)
            AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(results, JsonFiles.Options));
        return 0;
    }
}
