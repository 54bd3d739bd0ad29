namespace MlNetAdversarial.Pipelines.Training;

/// <summary>What a training run produced.</summary>
/// <param name="WeightsPath">The weights file written.</param>
/// <param name="WeightsSha256">Its SHA-256.</param>
/// <param name="TestAccuracy">Clean accuracy on the test set after the last epoch.</param>
/// <param name="EpochLosses">Mean training loss per epoch.</param>
/// <param name="Seconds">Wall time of training.</param>
/// <param name="Epochs">Each epoch's summary (with adversarial training, its clean and PGD accuracy).</param>
public sealed record TrainingReport(string WeightsPath, string WeightsSha256, double TestAccuracy,
    IReadOnlyList<double> EpochLosses, double Seconds, IReadOnlyList<EpochSummary>? Epochs = null);
