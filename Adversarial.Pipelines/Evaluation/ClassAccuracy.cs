namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>One class's accuracy on the clean and the attacked images.</summary>
/// <param name="Class">Class name.</param>
/// <param name="Total">Images of the class.</param>
/// <param name="CleanCorrect">Correct on clean images.</param>
/// <param name="Correct">Correct on attacked images.</param>
/// <param name="CleanAccuracy">CleanCorrect / Total.</param>
/// <param name="Accuracy">Correct / Total.</param>
/// <param name="Drop">CleanAccuracy − Accuracy.</param>
public sealed record ClassAccuracy(string Class, int Total, int CleanCorrect, int Correct, double CleanAccuracy, double Accuracy, double Drop);
