namespace MlNetAdversarial.Pipelines.Training;

/// <summary>How the LeNet is trained. Every default is defined here and only here.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>Images per optimizer step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seeds weight initialisation, dropout and shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Train on the first N training images only (tests, quick looks); null means all.</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Throws for any option out of range, naming it.</summary>
    public void Validate()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Train for at least one epoch.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Batch size must be at least 1.");
        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Learning rate must be positive.");
        if (TrainLimit is < 1)
            throw new ArgumentOutOfRangeException(nameof(TrainLimit), TrainLimit, "Train limit must be at least 1.");
    }
}
