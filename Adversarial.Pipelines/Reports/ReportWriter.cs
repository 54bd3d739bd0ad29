using System.Text.Json;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Storage;
using MlNetAdversarial.Plots;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>Writes report.json, report.md and the plots (under plots/) into a folder.</summary>
public static class ReportWriter
{
    /// <summary>Draws the plots and writes both report files; returns the report.</summary>
    /// <param name="folder">Where report.md, report.json and plots/ go.</param>
    /// <param name="sweep">The numbers.</param>
    /// <param name="samples">The grid of example images.</param>
    /// <param name="saved">The evaluation of the saved dataset, when one was written.</param>
    /// <param name="classNames">Class names, in label order.</param>
    /// <param name="plots">Draws the plots (default: <see cref="ChildProcessPlotRenderer.Default"/>).</param>
    public static RobustnessReport Write(string folder, SweepResult sweep, SampleGrid samples, SavedDatasetEvaluation? saved,
        IReadOnlyList<string> classNames, IPlotRenderer? plots = null)
    {
        string plotFolder = Path.Combine(folder, "plots");
        var strongest = sweep.Epsilons[^1];
        string attackedLabel = strongest.Epsilon is { } eps ? $"eps = {eps:0.####}" : $"{sweep.Attack} (minimal)";
        double[] quantized = sweep.Epsilons.Select(r => saved is not null && r.Epsilon == saved.Epsilon ? saved.Accuracy : r.Accuracy).ToArray();
        var request = new PlotRequest(
            $"{sweep.Dataset} / {sweep.Model}",
            plotFolder,
            // Minimal-perturbation attacks have no ε axis: their report shows the norm distribution instead.
            Curve(sweep, saved is null ? null : quantized),
            samples,
            new ConfusionPair(classNames.ToArray(), sweep.Epsilons[0].ConfusionMatrix.ToArray(), strongest.ConfusionMatrix.ToArray(), attackedLabel),
            new ClassAccuracies(classNames.ToArray(), strongest.PerClass.Select(c => c.CleanAccuracy).ToArray(),
                strongest.PerClass.Select(c => c.Accuracy).ToArray(), attackedLabel));
        var files = (plots ?? ChildProcessPlotRenderer.Default).Render(request).Select(p => Path.GetRelativePath(folder, p)).ToArray();
        var report = new RobustnessReport(ToolInfo.Version, sweep, saved, files);
        AtomicFile.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report, JsonFiles.Options));
        AtomicFile.WriteAllText(Path.Combine(folder, "report.md"), MarkdownReport.Render(report));
        return report;
    }

    /// <summary>
    /// Writes the report of one sweep over several datasets: their accuracy curves in one plot, report.json with every
    /// sweep, report.md with a table per dataset linking each dataset's own report.
    /// </summary>
    /// <param name="folder">Where report.md, report.json and plots/ go.</param>
    /// <param name="sweeps">The sweeps, one per dataset.</param>
    /// <param name="reportFolders">Each sweep's own report folder, relative to <paramref name="folder"/>.</param>
    /// <param name="plots">Draws the plots (default: <see cref="ChildProcessPlotRenderer.Default"/>).</param>
    public static SweepReport WriteComparison(string folder, IReadOnlyList<SweepResult> sweeps, IReadOnlyList<string> reportFolders,
        IPlotRenderer? plots = null)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        if (sweeps.Count != reportFolders.Count)
            throw new ArgumentException($"{sweeps.Count} sweeps but {reportFolders.Count} report folders.", nameof(reportFolders));
        var curves = sweeps.Where(s => s.Epsilons.All(r => r.Epsilon is not null))
            .Select(s => new LabelledCurve($"{s.Dataset}: {s.Model}", Curve(s, null)!)).ToArray();
        string title = string.Join(" and ", sweeps.Select(s => s.Dataset));
        var request = new PlotRequest(title, Path.Combine(folder, "plots"), null, null, null, null, curves);
        var files = curves.Length == 0 ? []
            : (plots ?? ChildProcessPlotRenderer.Default).Render(request).Select(p => Path.GetRelativePath(folder, p)).ToArray();
        var report = new SweepReport(sweeps, files);
        AtomicFile.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report, JsonFiles.Options));
        AtomicFile.WriteAllText(Path.Combine(folder, "report.md"), MarkdownReport.RenderComparison(report, reportFolders));
        return report;
    }

    private static AccuracyCurve? Curve(SweepResult sweep, double[]? quantized) =>
        sweep.Epsilons.Any(r => r.Epsilon is null) ? null : new AccuracyCurve(sweep.Epsilons.Select(r => r.Epsilon!.Value).ToArray(),
            sweep.Epsilons.Select(r => r.Accuracy).ToArray(), sweep.Epsilons.Select(r => r.AccuracyCi95Low).ToArray(),
            sweep.Epsilons.Select(r => r.AccuracyCi95High).ToArray(), quantized);
}
