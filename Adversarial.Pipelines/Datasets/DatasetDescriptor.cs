using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Registries;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>One entry of <see cref="DatasetRegistry"/>: a built-in dataset and what the tools do with it by default.</summary>
/// <param name="Name">Name on the command line ("mnist").</param>
/// <param name="Load">Opens a split, found (or downloaded) through the locator.</param>
/// <param name="Files">The official files of a split.</param>
/// <param name="Shape">The shape of its images.</param>
/// <param name="ClassNames">Its class names, in label order.</param>
/// <param name="DefaultEpsilons">The ε list a sweep uses unless told (0 first).</param>
/// <param name="AttackEpsilon">The ε <c>attack</c> uses unless told.</param>
/// <param name="DefaultArchitecture">The network designed for it, used unless another is named (its shipped weights are trained on it).</param>
/// <param name="SavedFormat">How attacked copies are written and read back.</param>
public sealed record DatasetDescriptor(
    string Name,
    Func<DatasetSplit, DatasetLocator, ByteImageDataView> Load,
    Func<DatasetSplit, IReadOnlyList<DatasetFile>> Files,
    ImageShape Shape,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<double> DefaultEpsilons,
    double AttackEpsilon,
    ArchitectureDescriptor DefaultArchitecture,
    SavedFormat SavedFormat) : IRegistryEntry
{
    /// <summary>
    /// A classifier of <paramref name="architecture"/> for this dataset's images: weights from <paramref name="weightsPath"/>,
    /// else those shipped for this dataset; the <see cref="InputAdapter"/> in front when the network takes another shape.
    /// </summary>
    public TorchImageClassifier LoadClassifier(ArchitectureDescriptor architecture, string? weightsPath = null, TorchSharp.torch.Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return architecture.LoadFor(Name, Shape, ClassNames, weightsPath, device);
    }

    /// <summary>The official files of a split with their MD5, for manifests.</summary>
    public IReadOnlyList<ManifestSourceFile> SourceFiles(DatasetSplit split) =>
        Files(split).Select(f => new ManifestSourceFile(f.CompressedName, f.CompressedMd5)).ToArray();
}
