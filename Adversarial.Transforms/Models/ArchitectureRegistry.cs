using MlNetAdversarial.Transforms.Registries;
namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// Every network architecture of the library, by name. The command line, saved pipelines and tests
/// read this list; adding one is its file and one line here.
/// </summary>
public static class ArchitectureRegistry
{
    /// <summary>The PyTorch FGSM tutorial's LeNet for MNIST.</summary>
    public static ArchitectureDescriptor LeNet => Models.LeNet.Descriptor;

    /// <summary>The compact CIFAR-10 ResNet.</summary>
    public static ArchitectureDescriptor CifarResNet => Models.CifarResNet.Descriptor;

    /// <summary>The small MNIST CNN of Wong et al. (2020), shipped adversarially trained.</summary>
    public static ArchitectureDescriptor SmallCnn => Models.SmallCnn.Descriptor;

    /// <summary>The registered architectures.</summary>
    public static Registry<ArchitectureDescriptor> All { get; } = new("architecture", [Models.LeNet.Descriptor, Models.CifarResNet.Descriptor, Models.SmallCnn.Descriptor]);
}
