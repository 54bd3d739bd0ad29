using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// One entry of <see cref="ArchitectureRegistry"/>: a network the library can build and load weights
/// into, with what the classifier wrapper needs to know about it.
/// </summary>
/// <param name="Name">Name on the command line and in saved pipelines ("lenet").</param>
/// <param name="DisplayName">Name in reports.</param>
/// <param name="Create">Builds the network with fresh weights.</param>
/// <param name="InputShape">The image shape it takes.</param>
/// <param name="ClassNames">One name per output.</param>
/// <param name="Output">What its last layer gives.</param>
/// <param name="Mean">Per-channel normalization mean applied inside the wrapper, or null.</param>
/// <param name="Std">Per-channel normalization standard deviation, or null.</param>
/// <param name="ShippedWeights">File name of the weights embedded in this library, or null.</param>
/// <param name="CpuBatchSize">Images per torch call on the CPU, chosen by measurement (README, Performance).</param>
public sealed record ArchitectureDescriptor(
    string Name,
    string DisplayName,
    Func<nn.Module<Tensor, Tensor>> Create,
    ImageShape InputShape,
    IReadOnlyList<string> ClassNames,
    ClassifierOutput Output,
    IReadOnlyList<float>? Mean,
    IReadOnlyList<float>? Std,
    string? ShippedWeights,
    int CpuBatchSize)
{
    /// <summary>Images per torch call on <paramref name="device"/>: the CPU's measured best, 8× that on a GPU (one stream).</summary>
    public int BatchSizeFor(Device? device) => device is null || device.type == DeviceType.CPU ? CpuBatchSize : 8 * CpuBatchSize;

    /// <summary>
    /// The classifier with weights from <paramref name="weightsPath"/> (TorchSharp, .pt/.pth or
    /// .safetensors), or with the shipped weights when the path is null.
    /// </summary>
    /// <exception cref="InvalidOperationException">No path is given and nothing is shipped for this architecture.</exception>
    public TorchImageClassifier Load(string? weightsPath = null, Device? device = null)
    {
        TorchRuntime.EnsureInitialized(device);
        var network = Create();
        string sha256;
        if (weightsPath is not null)
        {
            WeightsFiles.Load(network, weightsPath);
            sha256 = TorchImageClassifier.Sha256Of(weightsPath);
        }
        else
        {
            string file = ShippedWeights ?? throw new InvalidOperationException($"No weights are shipped for '{Name}'; give a weights file.");
            sha256 = ShippedModels.Load(network, file);
        }
        return new TorchImageClassifier(network, InputShape, ClassNames, Output, DisplayName, sha256, Mean, Std, Name, device);
    }
}
