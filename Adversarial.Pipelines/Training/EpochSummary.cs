namespace MlNetAdversarial.Pipelines.Training;

/// <summary>One epoch of training: its mean loss and, with adversarial training, the clean and PGD accuracy after it.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss over the epoch.</param>
/// <param name="CleanAccuracy">Clean accuracy on the evaluation images, or null (standard training).</param>
/// <param name="RobustAccuracy">Accuracy under the evaluation PGD, or null (standard training).</param>
public sealed record EpochSummary(int Epoch, double Loss, double? CleanAccuracy, double? RobustAccuracy);
