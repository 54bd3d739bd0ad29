using System.Diagnostics;
using System.Text.Json;

namespace MlNetAdversarial.Tests.Notebooks;

/// <summary>
/// Every notebook under notebooks/ runs headless, cell by cell, in the .NET Interactive C# kernel
/// (tools/Adversarial.NotebookRunner, a process of its own, as a notebook kernel is), with no cell error.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Slow)]
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
        var (exit, log) = await RunAsync(Path.Combine(Root(), "notebooks", notebook));
        Assert.True(exit == 0, $"{notebook} failed (exit {exit}):\n{log}");
        Assert.Contains("cells ran", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANotebookCopiedOutsideTheCloneRunsWithTheFeedNamedInOneVariable()
    {
        string? feedProblem = LocalFeed.Problem();
        Assert.True(feedProblem is null, feedProblem);
        using var folder = new TempFolder();
        string copy = folder.File("quick-tour.ipynb");
        File.Copy(Path.Combine(Root(), "notebooks", "quick-tour.ipynb"), copy);
        var (exit, log) = await RunAsync(copy, new Dictionary<string, string> { ["ADVERSARIAL_PACKAGES"] = Path.Combine(Root(), "artifacts", "packages") });
        Assert.True(exit == 0, $"the copy failed (exit {exit}):\n{log}");
        Assert.Contains("cells ran", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANotebookOutsideTheCloneWithoutTheFeedSaysWhatToSet()
    {
        using var folder = new TempFolder();
        string copy = folder.File("quick-tour.ipynb");
        File.Copy(Path.Combine(Root(), "notebooks", "quick-tour.ipynb"), copy);
        var (exit, log) = await RunAsync(copy, new Dictionary<string, string> { ["ADVERSARIAL_PACKAGES"] = folder.File("no-feed") });
        Assert.NotEqual(0, exit);
        Assert.Contains("cell 1 of", log, StringComparison.Ordinal);
        Assert.Contains($"No MlNetAdversarial packages in {folder.File("no-feed")}. Set ADVERSARIAL_PACKAGES", log, StringComparison.Ordinal);
        Assert.DoesNotContain("PackageManagement Error", log, StringComparison.Ordinal);
    }

    /// <summary>Runs the notebook headless, as <c>dotnet run --project tools/Adversarial.NotebookRunner</c> does; returns the exit code and the log.</summary>
    private static async Task<(int Exit, string Log)> RunAsync(string notebook, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Runner());
        start.ArgumentList.Add(notebook);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
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
        return (process.ExitCode, await output + await error);
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
