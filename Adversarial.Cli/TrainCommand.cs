using System.CommandLine;
using System.Globalization;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Training;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial train</c>: trains a network (the dataset's own, or --arch) on a dataset and writes its weights to a new file.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = $"Dataset to train on: {DatasetRegistry.Names}.", DefaultValueFactory = _ => DatasetRegistry.Mnist.Name };
        var arch = new Option<string?>("--arch")
        {
            Description = $"Network to train: {ArchitectureRegistry.Names} (default: the dataset's own; another is fed the dataset's images through the input adapter).",
        };
        var output = new Option<string>("--out") { Description = "Weights file to write (the shipped weights are never replaced).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file." };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training set (default: the dataset's recipe)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of weights, dropout, shuffling and augmentation (default: the recipe's)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the dataset files (no download then)." };
        var command = new Command("train", "Train a network on a dataset (deterministic for a seed and a thread count).")
        {
            dataset, arch, output, force, epochs, seed, dataDir,
        };
        command.SetAction(parsed => CommandGuard.Run(_ =>
        {
            var kind = SweepTargets.ParseDataset(parsed.GetValue(dataset)!);
            var architecture = parsed.GetValue(arch) is { } name ? SweepTargets.ParseArchitecture(name) : kind.DefaultArchitecture;
            return Run(kind, architecture, parsed.GetValue(output)!, parsed.GetValue(force), parsed.GetValue(epochs), parsed.GetValue(seed),
                parsed.GetValue(dataDir));
        }));
        return command;
    }

    private static int Run(DatasetDescriptor dataset, ArchitectureDescriptor architecture, string output, bool force, int? epochs, int? seed,
        string? dataDir)
    {
        string path = Path.GetFullPath(output);
        if (File.Exists(path) && !force)
            throw new ArgumentException($"--out: {path} exists; give --force to replace it.");
        if (Directory.Exists(path))
            throw new ArgumentException($"--out: {path} is a folder; give a file path.");
        var preset = NetworkTrainers.Recipe(architecture, dataset);
        var options = preset with { Epochs = epochs ?? preset.Epochs, Seed = seed ?? preset.Seed };
        var locator = DownloadReporter.Locator(dataDir);
        var train = dataset.Load(DatasetSplit.Train, locator);
        var test = dataset.Load(DatasetSplit.Test, locator);
        long perEpoch = train.Count;
        if (InputAdapter.Between(dataset.Shape, architecture.InputShape) is { } adapter)
            Console.WriteLine($"Input adapter: {adapter.Description}");

        TrainingReport report = null!;
        CommandGuard.ProgressBar().Start(context =>
        {
            var task = context.AddTask($"Training {architecture.Name} on {dataset.Name}", maxValue: perEpoch * options.Epochs);
            var progress = new InlineProgress<(int Epoch, int Done)>(p => task.Value = (p.Epoch - 1) * perEpoch + p.Done);
            report = NetworkTrainers.Train(architecture, train, test, options, path, progress);
        });
        for (int i = 0; i < report.EpochLosses.Count; i++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {i + 1}: mean training loss {report.EpochLosses[i]:0.0000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test accuracy: {report.TestAccuracy:0.0000}   Time: {report.Seconds:0.0} s   Seed: {options.Seed}   Epochs: {options.Epochs}"));
        Console.WriteLine($"Wrote {report.WeightsPath} (sha256 {report.WeightsSha256})");
        return 0;
    }
}
