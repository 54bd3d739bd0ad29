namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>The model on the saved (8-bit) dataset, next to the same attack measured in memory.</summary>
/// <param name="Epsilon">ε of the saved dataset (null for minimal-perturbation attacks).</param>
/// <param name="Correct">Correct on the saved images, reloaded from disk.</param>
/// <param name="Total">Images saved.</param>
/// <param name="Accuracy">Correct / Total on the saved images.</param>
/// <param name="InMemoryAccuracy">Accuracy on the float images before saving.</param>
/// <param name="Difference">Accuracy − InMemoryAccuracy.</param>
/// <param name="ChangedPredictions">Images whose predicted class differs between memory and disk.</param>
public sealed record SavedDatasetEvaluation(double? Epsilon, int Correct, int Total, double Accuracy, double InMemoryAccuracy,
    double Difference, int ChangedPredictions);
