namespace MlNetAdversarial.Pipelines.Training;

/// <summary>How a network is trained. The presets below are the only place defaults are defined.</summary>
public sealed record TrainingOptions
{
    /// <summary>The MNIST LeNet recipe: Adam, 12 epochs of batch 64 (98.76% test accuracy, seed 1).</summary>
    public static readonly TrainingOptions Mnist = new() { Epochs = 12, BatchSize = 64, LearningRate = 1e-3, Seed = 1 };

    /// <summary>
    /// The CIFAR-10 ResNet recipe: SGD with Nesterov momentum, a one-cycle learning rate (linear up to
    /// the peak over the first quarter, linear down to 0), weight decay, label smoothing, random
    /// 4-pixel-padded crops and horizontal flips.
    /// </summary>
    public static readonly TrainingOptions Cifar10 = new() { Epochs = 12, BatchSize = 256, LearningRate = 0.2, Seed = 1, Augment = true };

    /// <summary>
    /// The CIFAR ResNet on MNIST (through the input adapter): the CIFAR-10 recipe without crops and flips (a flipped digit
    /// is another digit), 3 epochs.
    /// </summary>
    public static readonly TrainingOptions CifarResNetOnMnist = new() { Epochs = 3, BatchSize = 256, LearningRate = 0.2, Seed = 1 };

    /// <summary>
    /// The small CNN's recipe (Wong, Rice and Kolter 2020, MNIST): Adam, 10 epochs of batch 100, the learning rate rising
    /// linearly from 0 to 5e-3 over the first 2/5 of the steps and back to 0. Adversarial training is added by the caller.
    /// </summary>
    public static readonly TrainingOptions SmallCnnOnMnist = new()
    {
        Epochs = 10, BatchSize = 100, LearningRate = 5e-3, Seed = 1, TriangularLearningRate = true,
    };

    /// <summary>Passes over the training set.</summary>
    public required int Epochs { get; init; }

    /// <summary>Images per optimizer step.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Learning rate (Adam's, or the one-cycle peak for SGD).</summary>
    public required double LearningRate { get; init; }

    /// <summary>Seeds weight initialisation, dropout, shuffling and augmentation.</summary>
    public required int Seed { get; init; }

    /// <summary>Adversarial training (every batch attacked before the step), or null for standard training.</summary>
    public AdversarialTrainingOptions? Adversarial { get; init; }

    /// <summary>The learning rate rises linearly from 0 to <see cref="LearningRate"/> over the first 2/5 of the steps and falls back to 0 (the Adam trainer); else it is constant.</summary>
    public bool TriangularLearningRate { get; init; }

    /// <summary>Random 4-pixel-padded crops and horizontal flips (the CIFAR ResNet's trainer only).</summary>
    public bool Augment { get; init; }

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
        Adversarial?.Validate();
        if (Adversarial is { WarmupEpochs: > 0 } adversarial && adversarial.WarmupEpochs >= Epochs)
            throw new ArgumentOutOfRangeException(nameof(Adversarial), adversarial.WarmupEpochs,
                $"The ε warm-up ({adversarial.WarmupEpochs} epochs) must end before the last of the {Epochs} epochs.");
        if (TrainLimit is < 1)
            throw new ArgumentOutOfRangeException(nameof(TrainLimit), TrainLimit, "Train limit must be at least 1.");
    }
}
