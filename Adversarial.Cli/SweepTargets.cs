using MlNetAdversarial.Cli.Terminal;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary>Turns --dataset / --images and the model options into the list of sweeps to run.</summary>
internal static class SweepTargets
{
    public static IReadOnlyList<SweepTarget> Resolve(string? datasets, string? imageFolder, ModelChoice model)
    {
        if (imageFolder is not null)
        {
            if (datasets is not null)
                throw new ArgumentException("--images and --dataset exclude each other: give one.");
            var arch = model.Architecture(ArchitectureRegistry.LeNet);
            // The ε scale of the data the architecture was designed for.
            var home = DatasetRegistry.All.FirstOrDefault(d => d.DefaultArchitecture == arch) ?? DatasetRegistry.Mnist;
            return [new SweepTarget(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(imageFolder))), arch, model, null, imageFolder,
                home.DefaultEpsilons, home.AttackEpsilon, (ml, classifier, _) => ImageFolderLoader.Load(ml, imageFolder, classifier.InputShape, classifier.ClassNames))];
        }
        var kinds = ParseDatasets(datasets ?? DatasetRegistry.Mnist.Name);
        if (kinds.Count == 0)
            throw new ArgumentException($"--dataset: give at least one dataset, e.g. {DatasetRegistry.Mnist.Name} or {DatasetRegistry.All.Names.Replace(", ", ",", StringComparison.Ordinal)}.");
        // One --model or --arch serves every dataset named (through the input adapter where the shapes differ).
        return kinds.Select(kind => new SweepTarget(kind.Name, model.Architecture(kind.DefaultArchitecture), model, kind, null, kind.DefaultEpsilons, kind.AttackEpsilon,
            (_, _, settings) => kind.Load(DatasetSplit.Test, DownloadReporter.Locator(settings.DataDir)))).ToArray();
    }

    public static DatasetDescriptor ParseDataset(string name) => DatasetRegistry.All.Find(name)
        ?? throw new ArgumentException($"--dataset: '{name}' is not a known dataset; expected one of: {DatasetRegistry.All.Names}.");

    public static ArchitectureDescriptor ParseArchitecture(string name) => ArchitectureRegistry.All.Find(name)
        ?? throw new ArgumentException($"--arch: '{name}' is not a known architecture; expected one of: {ArchitectureRegistry.All.Names}.");

    /// <summary>Parses "mnist,cifar10" (each at most once, in the order given).</summary>
    public static IReadOnlyList<DatasetDescriptor> ParseDatasets(string names) =>
        names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseDataset).Distinct().ToArray();
}
