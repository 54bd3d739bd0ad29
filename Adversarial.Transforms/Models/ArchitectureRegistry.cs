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
    public static IReadOnlyList<ArchitectureDescriptor> All { get; } = [Models.LeNet.Descriptor, Models.CifarResNet.Descriptor, Models.SmallCnn.Descriptor];

    /// <summary>The names, comma-separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(a => a.Name));

    /// <summary>The architecture called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ArchitectureDescriptor? Find(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The architecture called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No architecture has that name; the message lists the names.</exception>
    public static ArchitectureDescriptor Get(string name) =>
        Find(name) ?? throw new ArgumentException($"'{name}' is not a known architecture; expected one of {Names}.", nameof(name));
}
