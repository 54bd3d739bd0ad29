using System.Diagnostics;

namespace MlNetAdversarial.Tests;

/// <summary>Runs the built <c>adversarial</c> tool as a process of its own, as a user or a batch scheduler does.</summary>
internal static class CliProcess
{
    /// <summary>Runs the tool; fails the test with its output unless it exits 0.</summary>
    public static string Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (exit, output, errors) = Start(environment, arguments);
        Assert.True(exit == 0, $"adversarial {string.Join(' ', arguments)} exited {exit}:\n{output}\n{errors}");
        return output;
    }

    /// <summary>Runs the tool; fails the test unless it exits 0; returns stdout and stderr (where warnings go).</summary>
    public static (string Output, string Errors) RunWithErrors(params string[] arguments)
    {
        var (exit, output, errors) = Start(null, arguments);
        Assert.True(exit == 0, $"adversarial {string.Join(' ', arguments)} exited {exit}:\n{output}\n{errors}");
        return (output, errors);
    }

    /// <summary>Runs the tool, which must fail; returns what it wrote to stderr.</summary>
    public static string Fail(params string[] arguments)
    {
        var (exit, output, errors) = Start(null, arguments);
        Assert.True(exit != 0, $"adversarial {string.Join(' ', arguments)} succeeded:\n{output}");
        return errors;
    }

    private static (int Exit, string Output, string Errors) Start(IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "adversarial.dll"));
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}
