using MlNetAdversarial.Pipelines.Storage;
using System.CommandLine;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Regression;
using MlNetAdversarial.Pipelines.Reports;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial baseline</c>: writes or updates a robustness baseline from a sweep's JSON.</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var from = CliOption.InputFile("--from", "A result written by 'sweep --json' (one dataset) or 'merge --json'.", required: true);
        var output = CliOption.OutputFile("--out", "The baseline file to write or update.", required: true);
        var command = new Command("baseline", "Write or update a robustness baseline for regression tests (RobustnessAssert).") { from, output };
        command.SetAction(parsed => CommandGuard.Run(_ => Run(parsed.GetValue(from)!, parsed.GetValue(output)!)));
        return command;
    }

    private static int Run(string from, string output)
    {
        SweepResult sweep;
        try
        {
            sweep = JsonSerializer.Deserialize<SweepResult>(File.ReadAllText(from), JsonFiles.Options)
                ?? throw new InvalidDataException($"{from} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{from} is not a single-dataset sweep result: {e.Message}", e);
        }
        if (sweep.Epsilons is null || sweep.Epsilons.Count == 0)
            throw new InvalidDataException($"{from} holds no per-epsilon results (a multi-dataset report? give one dataset's sweep).");
        RobustnessBaseline.From(sweep).Save(output);
        Console.WriteLine($"Wrote {output}: {sweep.Dataset}, {sweep.Attack}, {sweep.Epsilons.Count} epsilons, model {sweep.ModelSha256[..12]}");
        return 0;
    }
}
