using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Training;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>One entry of <see cref="DatasetRegistry"/>: a built-in dataset and what the tools do with it by default.</summary>
/// <param name="Name">Name on the command line ("mnist").</param>
/// <param name="Load">Opens a split, found (or downloaded) through the locator.</param>
/// <param name="Files">The official files of a split.</param>
/// <param name="DefaultEpsilons">The ε list a sweep uses unless told (0 first).</param>
/// <param name="AttackEpsilon">The ε <c>attack</c> uses unless told.</param>
/// <param name="DefaultArchitecture">The network trained on it that ships with the library.</param>
/// <param name="SavedFormat">How attacked copies are written and read back.</param>
/// <param name="Training">The training recipe of the default architecture.</param>
/// <param name="Train">Trains the default architecture on the training split, evaluated on the test split.</param>
public sealed record DatasetDescriptor(
    string Name,
    Func<DatasetSplit, DatasetLocator, ByteImageDataView> Load,
    Func<DatasetSplit, IReadOnlyList<DatasetFile>> Files,
    IReadOnlyList<double> DefaultEpsilons,
    double AttackEpsilon,
    ArchitectureDescriptor DefaultArchitecture,
    SavedFormat SavedFormat,
    TrainingOptions Training,
    Func<ByteImageDataView, ByteImageDataView, TrainingOptions, string, IProgress<(int Epoch, int Done)>?, TrainingReport> Train)
{
    /// <summary>The official files of a split with their MD5, for manifests.</summary>
    public IReadOnlyList<ManifestSourceFile> SourceFiles(DatasetSplit split) =>
        Files(split).Select(f => new ManifestSourceFile(f.CompressedName, f.CompressedMd5)).ToArray();
}
