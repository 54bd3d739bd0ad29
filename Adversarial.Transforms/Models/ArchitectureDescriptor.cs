using MlNetAdversarial.Transforms.Registries;
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
/// <param name="ShippedWeights">
/// The weights embedded in this library, by the dataset they were trained on; the first is trained on the data the
/// network was designed for (its <paramref name="InputShape"/> and <paramref name="ClassNames"/>).
/// </param>
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
    IReadOnlyList<TrainedWeights> ShippedWeights,
    int CpuBatchSize) : IRegistryEntry
{
    /// <summary>Images per torch call on <paramref name="device"/>: the CPU's measured best, 8× that on a GPU (one stream).</summary>
    public int BatchSizeFor(Device? device) => device is null || device.type == DeviceType.CPU ? CpuBatchSize : 8 * CpuBatchSize;

    /// <summary>
    /// The classifier with weights from <paramref name="weightsPath"/> (TorchSharp, .pt/.pth or
    /// .safetensors), or with the first shipped weights when the path is null.
    /// </summary>
    /// <exception cref="InvalidOperationException">No path is given and nothing is shipped for this architecture.</exception>
    public TorchImageClassifier Load(string? weightsPath = null, Device? device = null) =>
        weightsPath is null && ShippedWeights.Count > 0
            ? LoadFor(ShippedWeights[0].Dataset, InputShape, ShippedWeights[0].ClassNames, null, device)
            : LoadFor(null, InputShape, ClassNames, weightsPath, device);

    /// <summary>The shipped weights trained on <paramref name="dataset"/> (standard training first), or null.</summary>
    public TrainedWeights? ShippedFor(string dataset) =>
        ShippedWeights.Where(w => string.Equals(w.Dataset, dataset, StringComparison.OrdinalIgnoreCase))
            .OrderBy(w => w.AdversarialTraining is null ? 0 : 1).FirstOrDefault();

    /// <summary>
    /// The classifier for a dataset's images: weights from <paramref name="weightsPath"/>, else those shipped for
    /// <paramref name="dataset"/>; an <see cref="InputAdapter"/> in front of the network when <paramref name="images"/>
    /// is not the shape it takes.
    /// </summary>
    /// <param name="dataset">Whose shipped weights to use when no path is given (ignored with a path).</param>
    /// <param name="images">The shape of the images the classifier will be given.</param>
    /// <param name="classNames">One name per output, in output order (the dataset's).</param>
    /// <param name="weightsPath">A weights file, or null for the shipped weights.</param>
    /// <param name="device">Where the network runs.</param>
    /// <exception cref="MissingWeightsException">No path is given and no weights are shipped for that dataset.</exception>
    /// <exception cref="ArgumentException">The class count is not the network's, or the channels cannot be adapted.</exception>
    public TorchImageClassifier LoadFor(string? dataset, ImageShape images, IReadOnlyList<string> classNames, string? weightsPath = null,
        Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != ClassNames.Count)
            throw new ArgumentException($"{DisplayName} has {ClassNames.Count} outputs; {classNames.Count} class names were given.", nameof(classNames));
        var adapter = InputAdapter.Between(images, InputShape);
        TrainedWeights? shipped = null;
        if (weightsPath is null)
        {
            shipped = (dataset is null ? null : ShippedFor(dataset)) ?? throw new MissingWeightsException(Name, dataset, ShippedList);
        }
        TorchRuntime.EnsureInitialized(device);
        var network = Create();
        string sha256;
        if (shipped is null)
        {
            WeightsFiles.Load(network, weightsPath!);
            sha256 = TorchImageClassifier.Sha256Of(weightsPath!);
        }
        else
        {
            sha256 = ShippedModels.Load(network, shipped.File);
        }
        string name = shipped is not null && shipped != ShippedWeights[0] ? $"{Name} trained on {shipped.Dataset}"
            : adapter is null ? DisplayName : $"{Name} on {images} images";
        return new TorchImageClassifier(network, images, classNames, Output, name, sha256, Mean, Std, Name, device, adapter);
    }

    private string ShippedList => ShippedWeights.Count == 0 ? "none" : string.Join(", ", ShippedWeights.Select(w => $"{w.Dataset} ({w.File})"));
}
