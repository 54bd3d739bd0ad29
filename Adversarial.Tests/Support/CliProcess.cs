using System.Diagnostics;

namespace MlNetAdversarial.Tests;

/// <summary>Runs the built <c>adversarial</c> tool as a process of its own, as a user or a batch scheduler does.</summary>
internal static class CliProcess
{
    /// <summary>Runs the tool; fails the test with its output unless it exits 0.</summary>
    public static string Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
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
        string errors = error.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"adversarial {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}\n{errors}");
        return output;
    }
}
