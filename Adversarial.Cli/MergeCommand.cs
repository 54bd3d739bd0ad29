using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Storage;
using System.CommandLine;
using System.Text.Json;
using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Reports;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial merge</c>: partial results of <c>sweep --shard i/n</c> → the result of one whole run.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var parts = new Argument<string[]>("partials") { Description = "The partial results, one per shard (any order).", Arity = ArgumentArity.OneOrMore };
        parts.Validators.Add(result =>
        {
            foreach (string path in result.GetValueOrDefault<string[]>() ?? [])
                if (CliOption.InputFileProblem(path) is { } problem)
                    result.AddError($"partials: {problem}");
        });
        var json = CliOption.OutputFile("--json", "Write the merged result as JSON to this path.");
        var command = new Command("merge", "Merge the partial results of sharded sweeps into the result one run would give (McNemar included).")
        {
            parts, json,
        };
        command.SetAction(parsed => CommandGuard.Run(_ => Run(parsed.GetValue(parts) ?? [], parsed.GetValue(json))));
        return command;
    }

    private static int Run(string[] paths, string? jsonPath)
    {
        var partials = paths.Select(Read).ToArray();
        SweepResult result;
        try
        {
            result = ShardSweep.Merge(new MLContext(partials.FirstOrDefault()?.Seed ?? 0), partials);
        }
        catch (InvalidDataException e)
        {
            // The library speaks of shard numbers; the user gave files.
            string files = string.Join(", ", partials.Zip(paths).OrderBy(p => p.First.ShardIndex).Select(p => $"shard {p.First.ShardIndex} = {p.Second}"));
            throw new InvalidDataException($"{e.Message} ({files})", e);
        }
        foreach (string line in SweepTable.Lines(result))
            Console.WriteLine(line);
        if (jsonPath is not null)
        {
            AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(result, JsonFiles.Options));
            Console.WriteLine($"Wrote {jsonPath}");
        }
        return 0;
    }

    private static PartialSweep Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PartialSweep>(File.ReadAllText(path), JsonFiles.Options)
                ?? throw new DatasetUnavailableException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a partial sweep written by 'sweep --shard': {e.Message}", e);
        }
    }
}
