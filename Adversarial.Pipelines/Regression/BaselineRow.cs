using System.Text.Json;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Reports;

namespace MlNetAdversarial.Pipelines.Regression;

/// <summary>One ε of a baseline.</summary>
/// <param name="Epsilon">ε (null for minimal-perturbation attacks).</param>
/// <param name="Correct">Images classified correctly.</param>
/// <param name="Total">Images.</param>
/// <param name="Accuracy">Correct / Total.</param>
public sealed record BaselineRow(double? Epsilon, int Correct, int Total, double Accuracy);
