using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Torch;
using Spectre.Console;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>Turns the errors a user can fix into one line on stderr and exit code 1.</summary>
internal static class CommandGuard
{
    public static int Run(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is DatasetUnavailableException or TorchUnavailableException or FileNotFoundException
                                      or InvalidDataException or ArgumentException or OperationCanceledException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    public static Spectre.Console.Progress ProgressBar() => AnsiConsole.Progress()
        .AutoClear(true)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());
}
