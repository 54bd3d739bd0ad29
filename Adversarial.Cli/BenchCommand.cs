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
        var model = CliOption.InputFile("--model", "The model the cifar-*-model scenarios attack (.onnx, or weights of a shipped architecture's format).");
        var limit = CliOption.Count("--limit", $"Test images the cifar-*-model scenarios attack (default {BenchInputs.DefaultLimit}).");
        var child = new Option<string?>("--child-json") { Hidden = true };
        var command = new Command("bench", "Measure images/s, wall time and peak memory (each scenario in its own process).")
        {
            scenario, runs, dataDir, json, model, limit, child,
        };
        command.SetAction(parsed => CommandGuard.Run(_ => Run(parsed.GetValue(scenario)!, parsed.GetValue(runs) ?? 3,
            new BenchInputs(parsed.GetValue(dataDir), parsed.GetValue(model), parsed.GetValue(limit) ?? BenchInputs.DefaultLimit),
            parsed.GetValue(json), parsed.GetValue(child))));
        return command;
    }

    private static int Run(string name, int runs, BenchInputs inputs, string? jsonPath, string? childJson)
    {
        // "all" is the scenarios of the shipped models; those of --model run when named.
        var chosen = name == "all"
            ? BenchScenarios.All.Where(s => !s.TakesModel).ToArray()
            : [BenchScenarios.All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException(
                $"--scenario: '{name}' is not known; expected all or one of {string.Join(", ", BenchScenarios.All.Select(s => s.Name))}.")];
        bool takesModel = chosen.Any(s => s.TakesModel);
        if (takesModel && inputs.Model is null)
            throw new ArgumentException($"--scenario {name}: give the model to attack with --model FILE.");
        if (!takesModel && inputs.Model is not null)
            throw new ArgumentException($"--model: scenario {name} attacks the shipped models; --model applies to {string.Join(", ", BenchScenarios.All.Where(s => s.TakesModel).Select(s => s.Name))}.");
        if (childJson is not null)
        {
            AtomicFile.WriteAllText(childJson, JsonSerializer.Serialize(BenchRunner.RunHere(chosen[0], runs, inputs), JsonFiles.Options));
            return 0;
        }
        var results = new List<BenchResult>();
        Console.WriteLine($"{"scenario",-20} {"median s",9} {"images/s",10} {"peak RSS MB",12}  runs");
        foreach (var scenario in chosen)
        {
            var result = BenchRunner.RunInChild(scenario, runs, inputs);
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
