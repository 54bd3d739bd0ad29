namespace MlNetAdversarial.Transforms.Models;

/// <summary>Weights embedded in this library for one architecture, and the dataset they were trained on.</summary>
/// <param name="Dataset">The dataset's name ("mnist", "cifar10").</param>
/// <param name="File">The embedded file (see <see cref="ShippedModels"/>).</param>
/// <param name="ClassNames">The dataset's class names, in label order.</param>
/// <param name="AdversarialTraining">How they were adversarially trained ("PGD-10, ε 0.3"), or null for standard training.</param>
public sealed record TrainedWeights(string Dataset, string File, IReadOnlyList<string> ClassNames, string? AdversarialTraining = null);
