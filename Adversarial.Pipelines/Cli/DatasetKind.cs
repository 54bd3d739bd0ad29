using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Training;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>Everything the commands need to know about one built-in dataset.</summary>
/// <param name="Name">Dataset name on the command line.</param>
/// <param name="Model">The network trained on it.</param>
/// <param name="Training">The training recipe.</param>
/// <param name="AttackEpsilon">The ε <c>attack</c> uses unless told.</param>
/// <param name="Files">The official files of a split.</param>
/// <param name="Load">Opens a split.</param>
/// <param name="Train">Trains the network.</param>
internal sealed record DatasetKind(
    string Name,
    ModelKind Model,
    TrainingOptions Training,
    double AttackEpsilon,
    Func<DatasetSplit, IReadOnlyList<DatasetFile>> Files,
    Func<DatasetSplit, DatasetLocator, ByteImageDataView> Load,
    Func<ByteImageDataView, ByteImageDataView, TrainingOptions, string, IProgress<(int Epoch, int Done)>, TrainingReport> Train)
{
    public static readonly DatasetKind Mnist = new(MnistFiles.Name, ModelKind.LeNet, TrainingOptions.Mnist, 0.1,
        split => [MnistFiles.Of(split).Images, MnistFiles.Of(split).Labels],
        (split, locator) => MnistLoader.Load(split, locator),
        (train, test, options, path, progress) => LeNetTrainer.Train((MnistDataView)train, (MnistDataView)test, options, path, progress));

    public static readonly DatasetKind Cifar10 = new(CifarFiles.Name, ModelKind.CifarResNet, TrainingOptions.Cifar10, 8 / 255.0,
        split => CifarFiles.Of(split).Append(CifarFiles.Meta).ToArray(),
        (split, locator) => CifarLoader.Load(split, locator),
        (train, test, options, path, progress) => CifarTrainer.Train((CifarDataView)train, (CifarDataView)test, options, path, progress));

    public static readonly IReadOnlyList<DatasetKind> All = [Mnist, Cifar10];

    /// <summary>The official files of a split with their MD5, for manifests.</summary>
    public IReadOnlyList<ManifestSourceFile> SourceFiles(DatasetSplit split) =>
        Files(split).Select(f => new ManifestSourceFile(f.CompressedName, f.CompressedMd5)).ToArray();

    public static DatasetKind Parse(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--dataset: '{name}' is not a known dataset; expected one of: {string.Join(", ", All.Select(d => d.Name))}.");

    /// <summary>Parses "mnist,cifar10" (each at most once, in the order given).</summary>
    public static IReadOnlyList<DatasetKind> ParseList(string names) =>
        names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse).Distinct().ToArray();
}
