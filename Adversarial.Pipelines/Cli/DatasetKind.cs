using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Training;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>Everything the commands need to know about one built-in dataset.</summary>
internal sealed record DatasetKind(
    string Name,
    ModelKind Model,
    TrainingOptions Training,
    Func<DatasetSplit, DatasetLocator, ByteImageDataView> Load,
    Func<ByteImageDataView, ByteImageDataView, TrainingOptions, string, IProgress<(int Epoch, int Done)>, TrainingReport> Train)
{
    public static readonly DatasetKind Mnist = new(MnistFiles.Name, ModelKind.LeNet, TrainingOptions.Mnist,
        (split, locator) => MnistLoader.Load(split, locator),
        (train, test, options, path, progress) => LeNetTrainer.Train((MnistDataView)train, (MnistDataView)test, options, path, progress));

    public static readonly DatasetKind Cifar10 = new(CifarFiles.Name, ModelKind.CifarResNet, TrainingOptions.Cifar10,
        (split, locator) => CifarLoader.Load(split, locator),
        (train, test, options, path, progress) => CifarTrainer.Train((CifarDataView)train, (CifarDataView)test, options, path, progress));

    public static readonly IReadOnlyList<DatasetKind> All = [Mnist, Cifar10];

    public static DatasetKind Parse(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--dataset: '{name}' is not a known dataset; expected one of: {string.Join(", ", All.Select(d => d.Name))}.");

    /// <summary>Parses "mnist,cifar10" (each at most once, in the order given).</summary>
    public static IReadOnlyList<DatasetKind> ParseList(string names) =>
        names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse).Distinct().ToArray();
}
