using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Export;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>The model on one dataset as it is (no attack applied now): what <c>evaluate</c> reports.</summary>
/// <param name="Dataset">Dataset name.</param>
/// <param name="DataDirectory">Folder read, if one was given.</param>
/// <param name="Model">Model name.</param>
/// <param name="ModelSha256">Weights SHA-256.</param>
/// <param name="Attack">The attack that made the dataset, from its manifest; null for the original data.</param>
/// <param name="Correct">Correct predictions.</param>
/// <param name="Total">Images.</param>
/// <param name="Accuracy">Correct / Total.</param>
/// <param name="AccuracyCi95Low">Wilson 95% interval, low end.</param>
/// <param name="AccuracyCi95High">Wilson 95% interval, high end.</param>
/// <param name="MicroAccuracy">ML.NET micro accuracy.</param>
/// <param name="MacroAccuracy">ML.NET macro accuracy.</param>
/// <param name="LogLoss">ML.NET log-loss.</param>
public sealed record EvaluationResult(string Dataset, string? DataDirectory, string Model, string ModelSha256, ManifestAttack? Attack,
    int Correct, int Total, double Accuracy, double AccuracyCi95Low, double AccuracyCi95High, double MicroAccuracy, double MacroAccuracy,
    double LogLoss);
