using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Registries;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// Every built-in dataset, by name. The command line, reports and tests read this list; adding one is
/// its loader and one entry here.
/// </summary>
public static class DatasetRegistry
{
    /// <summary>MNIST (LeCun et al.): the tutorial's ε list 0 … 0.3, LeNet.</summary>
    public static DatasetDescriptor Mnist { get; } = new(MnistFiles.Name,
        (split, locator) => MnistLoader.Load(split, locator),
        split => [MnistFiles.Of(split).Images, MnistFiles.Of(split).Labels], new ImageShape(1, 28, 28), LeNet.ClassNames,
        [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3], 0.1, ArchitectureRegistry.LeNet, SavedFormat.Mnist);

    /// <summary>CIFAR-10 (Krizhevsky, 2009): the convention ε ∈ {0, 1, 2, 4, 8, 16}/255, the CIFAR ResNet.</summary>
    public static DatasetDescriptor Cifar10 { get; } = new(CifarFiles.Name,
        (split, locator) => CifarLoader.Load(split, locator),
        split => CifarFiles.Of(split).Append(CifarFiles.Meta).ToArray(), new ImageShape(3, 32, 32), CifarResNet.ClassNames,
        [0, 1 / 255.0, 2 / 255.0, 4 / 255.0, 8 / 255.0, 16 / 255.0], 8 / 255.0, ArchitectureRegistry.CifarResNet, SavedFormat.Cifar10);

    /// <summary>The registered datasets.</summary>
    public static Registry<DatasetDescriptor> All { get; } = new("dataset", [Mnist, Cifar10]);
}
