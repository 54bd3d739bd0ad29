using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using Spectre.Console;

namespace MlNetAdversarial.Cli;

/// <summary>Turns the errors a user can fix into one line on stderr and exit code 1.</summary>
internal static class CommandGuard
{
    public static int Run(Func<CancellationToken, int> command)
    {
        // Ctrl+C cancels the work between rows, so staging folders are cleaned up instead of abandoned.
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return command(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled: nothing was written.");
            return 130;
        }
        catch (Exception e) when (e is DatasetUnavailableException or TorchUnavailableException or FileNotFoundException
                                      or InvalidDataException or ArgumentException or IOException or InvalidOperationException
                                      or NotSupportedException or System.Runtime.InteropServices.ExternalException)
        {
            Console.Error.WriteLine($"error: {UserMessage(e)}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// The message without what .NET appends to argument errors (" (Parameter 'x')", "Actual value was y."): a last guard for
    /// a library check the command line did not make first.
    /// </summary>
    public static string UserMessage(Exception e)
    {
        // libtorch's own errors carry a C++ backtrace that says nothing to a user.
        string message = LibtorchErrors.MessageOf(e);
        if (e is ArgumentException { ParamName: { } name })
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        int actual = message.IndexOf("\nActual value was", StringComparison.Ordinal);
        return (actual >= 0 ? message[..actual] : message).Trim() + FlagHint(e);
    }

    // The libraries speak of data folders and weights files; the command line names the flags that give them.
    private static string FlagHint(Exception e) => e switch
    {
        DatasetUnavailableException { FilesMissing: true, DataDirectory: null } => " A folder of your own is --data-dir FOLDER.",
        DatasetUnavailableException { FilesMissing: true } => " (the data folder is --data-dir's)",
        MissingWeightsException missing => $" `adversarial train --arch {missing.Architecture} --dataset {missing.Dataset ?? "NAME"} --out FILE` "
            + "makes one; then pass it with --model FILE.",
        _ => "",
    };

    public static Spectre.Console.Progress ProgressBar() => AnsiConsole.Progress()
        .AutoClear(true)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());
}
