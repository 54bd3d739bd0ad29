using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>Turns --dataset / --images / --arch / --model into the list of sweeps to run.</summary>
internal static class SweepTargets
{
    public static IReadOnlyList<SweepTarget> Resolve(string? datasets, string? imageFolder, string archName, string? modelPath)
    {
        if (imageFolder is not null)
        {
            if (datasets is not null)
                throw new ArgumentException("--images and --dataset exclude each other: give one.");
            var arch = ModelKind.Parse(archName);
            return [new SweepTarget(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(imageFolder))), arch, modelPath,
                (ml, classifier, _) => ImageFolderLoader.Load(ml, imageFolder, classifier.InputShape, classifier.ClassNames))];
        }
        var kinds = DatasetKind.ParseList(datasets ?? DatasetKind.Mnist.Name);
        if (kinds.Count == 0)
            throw new ArgumentException("--dataset: give at least one dataset, e.g. mnist or mnist,cifar10.");
        if (modelPath is not null && kinds.Count > 1)
            throw new ArgumentException("--model applies to one dataset; with several, each uses its shipped weights.");
        return kinds.Select(kind => new SweepTarget(kind.Name, kind.Model, modelPath,
            (_, _, settings) => kind.Load(DatasetSplit.Test, new DatasetLocator(settings.DataDir)))).ToArray();
    }
}
