using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Fgsm;
using MlNetAdversarial.Transforms.Models;
using Spectre.Console;
using TorchSharp;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary><c>adversarial sweep</c>: the FGSM tutorial's table with ML.NET metrics and significance tests.</summary>
internal static class SweepCommand
{
    public const string DefaultMnistModel = "lenet-mnist.bin";

    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset to attack: mnist.", DefaultValueFactory = _ => "mnist" };
        var epsilons = new Option<string?>("--epsilons") { Description = "Comma list of epsilons (default: 0,0.05,0.1,0.15,0.2,0.25,0.3). Epsilon 0 is always included." };
        var limit = new Option<int?>("--limit") { Description = "Attack only the first N test images." };
        var model = new Option<string?>("--model") { Description = "Weights file (default: the shipped LeNet)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the dataset files (no download then)." };
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this path." };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per torch call.", DefaultValueFactory = _ => FgsmOptions.DefaultBatchSize };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (recorded in the report).", DefaultValueFactory = _ => 0 };
        var command = new Command("sweep", "Attack the test set with FGSM at each epsilon and show how much worse the model does.")
        {
            dataset, epsilons, limit, model, dataDir, json, batchSize, seed,
        };
        command.SetAction(parsed => CommandGuard.Run(() => Run(
            parsed.GetValue(dataset)!, parsed.GetValue(epsilons), parsed.GetValue(limit), parsed.GetValue(model),
            parsed.GetValue(dataDir), parsed.GetValue(json), parsed.GetValue(batchSize), parsed.GetValue(seed))));
        return command;
    }

    private static int Run(string dataset, string? epsilonText, int? limit, string? modelPath, string? dataDir,
        string? jsonPath, int batchSize, int seed)
    {
        if (!string.Equals(dataset, MnistFiles.Name, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--dataset: '{dataset}' is not supported yet; expected 'mnist'.");
        if (limit is < 1)
            throw new ArgumentException($"--limit: {limit} must be at least 1.");
        var epsilonList = epsilonText is null ? SweepRequest.MnistEpsilons : EpsilonList.Parse(epsilonText);

        var clock = Stopwatch.StartNew();
        torch.manual_seed(seed);
        var ml = new MLContext(seed);
        using var classifier = TorchImageClassifier.LoadLeNet(modelPath ?? RepositoryPaths.ShippedModel(DefaultMnistModel));
        IDataView data = MnistLoader.Load(MnistSplit.Test, new DatasetLocator(dataDir));
        if (limit is not null)
            data = ml.Data.TakeRows(data, limit.Value);
        long rows = data.GetRowCount() ?? 0;
        var request = new SweepRequest(MnistFiles.Name, epsilonList, batchSize, seed);

        SweepResult result = null!;
        CommandGuard.ProgressBar().Start(context =>
        {
            var task = context.AddTask($"FGSM sweep, {request.EffectiveEpsilons.Count} epsilons", maxValue: Math.Max(1, rows));
            result = FgsmSweepRunner.Run(ml, classifier, data, request, new InlineProgress<long>(done => task.Value = done));
        });
        foreach (string line in SweepTable.Lines(result))
            Console.WriteLine(line);
        Console.WriteLine($"Elapsed: {clock.Elapsed.TotalSeconds:0.0} s");
        if (jsonPath is not null)
        {
            AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(result, JsonOptions.Report));
            Console.WriteLine($"Wrote {jsonPath}");
        }
        return 0;
    }
}
