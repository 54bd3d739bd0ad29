using System.CommandLine;
using System.Globalization;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Training;
using Spectre.Console;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary><c>adversarial train</c>: retrains the LeNet and writes its weights.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainingOptions();
        var dataset = new Option<string>("--dataset") { Description = "Dataset to train on: mnist.", DefaultValueFactory = _ => "mnist" };
        var output = new Option<string?>("--out") { Description = "Weights file to write (default: models/lenet-mnist.bin of this clone)." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set.", DefaultValueFactory = _ => defaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, dropout and shuffling.", DefaultValueFactory = _ => defaults.Seed };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the dataset files (no download then)." };
        var command = new Command("train", "Train the LeNet on MNIST (deterministic for a seed and thread count).")
        {
            dataset, output, epochs, seed, dataDir,
        };
        command.SetAction(parsed => CommandGuard.Run(() => Run(parsed.GetValue(dataset)!, parsed.GetValue(output),
            defaults with { Epochs = parsed.GetValue(epochs), Seed = parsed.GetValue(seed) }, parsed.GetValue(dataDir))));
        return command;
    }

    private static int Run(string dataset, string? output, TrainingOptions options, string? dataDir)
    {
        if (!string.Equals(dataset, MnistFiles.Name, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--dataset: '{dataset}' is not supported yet; expected 'mnist'.");
        string path = output ?? DefaultOutput();
        var locator = new DatasetLocator(dataDir);
        var train = MnistLoader.Load(MnistSplit.Train, locator);
        var test = MnistLoader.Load(MnistSplit.Test, locator);
        long perEpoch = train.GetRowCount() ?? 0;

        TrainingReport report = null!;
        CommandGuard.ProgressBar().Start(context =>
        {
            var task = context.AddTask("Training LeNet", maxValue: perEpoch * options.Epochs);
            report = LeNetTrainer.Train(train, test, options, path,
                new InlineProgress<(int Epoch, int Done)>(p => task.Value = (p.Epoch - 1) * perEpoch + p.Done));
        });
        for (int i = 0; i < report.EpochLosses.Count; i++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {i + 1}: mean training loss {report.EpochLosses[i]:0.0000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test accuracy: {report.TestAccuracy:0.0000}   Time: {report.Seconds:0.0} s   Seed: {options.Seed}"));
        Console.WriteLine($"Wrote {report.WeightsPath} (sha256 {report.WeightsSha256})");
        return 0;
    }

    private static string DefaultOutput() => RepositoryPaths.FindRoot() is { } root
        ? Path.Combine(root, "models", SweepCommand.DefaultMnistModel)
        : Path.GetFullPath(SweepCommand.DefaultMnistModel);
}
