using System.Diagnostics;
using System.Text.Json;

namespace MlNetAdversarial.Tests.Notebooks;

/// <summary>
/// Every notebook under notebooks/ runs headless, cell by cell, in the .NET Interactive C# kernel
/// (tools/Adversarial.NotebookRunner, a process of its own, as a notebook kernel is), with no cell error.
/// </summary>
public sealed class NotebookTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static TheoryData<string> Notebooks()
    {
        var notebooks = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Path.Combine(Root(), "notebooks"), "*.ipynb").Order())
            notebooks.Add(Path.GetFileName(path));
        return notebooks;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryDisplayingCellCarriesTheOutputOfARun(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "notebooks", notebook)));
        var cells = document.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToArray();
        string Source(JsonElement cell) => string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
        // A cell displays when one of its statements starts with display( or ShowImage( (not the cell defining ShowImage).
        var displaying = cells.Where(c => Source(c).Split('\n').Any(line =>
            line.StartsWith("display(", StringComparison.Ordinal) || line.StartsWith("ShowImage(", StringComparison.Ordinal))).ToArray();
        Assert.NotEmpty(displaying);
        Assert.All(displaying, c => Assert.True(c.GetProperty("outputs").GetArrayLength() > 0, $"{notebook}: no committed output for\n{Source(c)}"));
        Assert.All(cells, c => Assert.DoesNotContain(c.GetProperty("outputs").EnumerateArray(), o => o.GetProperty("output_type").GetString() == "error"));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void LoadsThePackagesOfThisBuildFromTheLocalFeed(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "notebooks", notebook)));
        string code = string.Concat(document.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("source").EnumerateArray()).Select(l => l.GetString()));
        Assert.Contains($"#r \"nuget: MlNetAdversarial.Pipelines, {LocalFeed.Version}\"", code, StringComparison.Ordinal);
        Assert.Contains("Path.GetFullPath(\"../artifacts/packages\")", code, StringComparison.Ordinal);
        Assert.DoesNotContain("bin/Release", code, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task EveryCellRunsWithoutError(string notebook)
    {
        string? feedProblem = LocalFeed.Problem();
        Assert.True(feedProblem is null, feedProblem);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Runner());
        start.ArgumentList.Add(Path.Combine(Root(), "notebooks", notebook));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{notebook} did not finish within {Limit.TotalMinutes} minutes:\n{await output}");
        }
        string log = await output;
        Assert.True(process.ExitCode == 0, $"{notebook} failed (exit {process.ExitCode}):\n{log}\n{await error}");
        Assert.Contains("cells ran", log, StringComparison.Ordinal);
    }

    private static string Root() => Repository.Root;

    private static string Runner()
    {
        string bin = Path.Combine(Root(), "tools", "Adversarial.NotebookRunner", "bin", "Release");
        return Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, "adversarial-notebooks.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).First()
            : throw new InvalidOperationException($"Build the solution in Release first: {bin} is missing.");
    }
}
