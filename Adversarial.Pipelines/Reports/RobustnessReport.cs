using MlNetAdversarial.Pipelines.Evaluation;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>Everything report.json holds; report.md is written from it.</summary>
/// <param name="ToolVersion">Version of the tool that made it.</param>
/// <param name="Sweep">The attack's results, ε = 0 first.</param>
/// <param name="Saved">The saved dataset re-evaluated from disk, when one was written.</param>
/// <param name="Plots">Plot files, relative to the report.</param>
public sealed record RobustnessReport(string ToolVersion, SweepResult Sweep, SavedDatasetEvaluation? Saved, IReadOnlyList<string> Plots);
