using System.Text.Json;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Plots;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>Writes report.json, report.md and the plots (under plots/) into a folder.</summary>
public static class ReportWriter
{
    /// <summary>JSON settings of every report file.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Reports are read by people: keep "→", "+" and non-ASCII class names as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Draws the plots and writes both report files; returns the report.</summary>
    public static RobustnessReport Write(string folder, SweepResult sweep, SampleGrid samples, SavedDatasetEvaluation? saved,
        IReadOnlyList<string> classNames)
    {
        string plotFolder = Path.Combine(folder, "plots");
        var strongest = sweep.Epsilons[^1];
        string attackedLabel = strongest.Epsilon is { } eps ? $"eps = {eps:0.####}" : $"{sweep.Attack} (minimal)";
        double[] quantized = sweep.Epsilons.Select(r => saved is not null && r.Epsilon == saved.Epsilon ? saved.Accuracy : r.Accuracy).ToArray();
        var request = new PlotRequest(
            $"{sweep.Dataset} / {sweep.Model}",
            plotFolder,
            // Minimal-perturbation attacks have no ε axis: their report shows the norm distribution instead.
            sweep.Epsilons.Any(r => r.Epsilon is null) ? null : new AccuracyCurve(sweep.Epsilons.Select(r => r.Epsilon!.Value).ToArray(),
                sweep.Epsilons.Select(r => r.Accuracy).ToArray(), sweep.Epsilons.Select(r => r.AccuracyCi95Low).ToArray(),
                sweep.Epsilons.Select(r => r.AccuracyCi95High).ToArray(), saved is null ? null : quantized),
            samples,
            new ConfusionPair(classNames.ToArray(), sweep.Epsilons[0].ConfusionMatrix.ToArray(), strongest.ConfusionMatrix.ToArray(), attackedLabel),
            new ClassAccuracies(classNames.ToArray(), strongest.PerClass.Select(c => c.CleanAccuracy).ToArray(),
                strongest.PerClass.Select(c => c.Accuracy).ToArray(), attackedLabel));
        var plots = PlotProcess.Render(request).Select(p => Path.GetRelativePath(folder, p)).ToArray();
        var report = new RobustnessReport(ToolInfo.Version, sweep, saved, plots);
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report, Json));
        File.WriteAllText(Path.Combine(folder, "report.md"), MarkdownReport.Render(report));
        return report;
    }
}
