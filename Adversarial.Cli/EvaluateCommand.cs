using MlNetAdversarial.Cli.Terminal;
using MlNetAdversarial.Pipelines.Storage;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial evaluate</c>: the model on a dataset as it is, e.g. one saved by <c>attack</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var dataset = CliOption.Datasets("--dataset", "Format of the data: mnist or cifar10 (default: mnist).");
        var images = CliOption.InputFolder("--images", "A folder of PNG/JPEG images, one sub-folder per class (e.g. the png/ folder 'attack' writes), instead of a built-in dataset.");
        var dataDir = CliOption.InputFolder("--data-dir", "Folder of a dataset saved by 'attack' (checked against its manifest), or of the official files.");
        var json = CliOption.OutputFile("--json", "Also write the result as JSON to this path.");
        var limit = CliOption.Count("--limit", "Evaluate only the first N images.");
        var batchSize = CliOption.Count("--batch-size", "Images per torch call (default: the architecture's measured best, 128 for lenet, 32 for cifar-resnet; 8x on a GPU).");
        var device = DeviceOption.Create();
        var command = new Command("evaluate", "Evaluate the model on a dataset as it is, with ML.NET's metrics and a Wilson interval.")
        {
            dataset, images, dataDir, json, limit, batchSize, device,
        };
        var modelOptions = new ModelCliOptions();
        modelOptions.AddTo(command);
        command.SetAction(parsed => CommandGuard.Run(_ => Run(Target(parsed.GetValue(dataset), parsed.GetValue(images), parsed.GetValue(dataDir),
            modelOptions.Read(parsed)), parsed.GetValue(dataDir), parsed.GetValue(json), new SweepSettings(null, parsed.GetValue(limit), parsed.GetValue(dataDir),
                parsed.GetValue(batchSize), 0, DeviceOption.Read(parsed, device)))));
        return command;
    }

    private static SweepTarget Target(string? dataset, string? images, string? dataDir, ModelChoice model)
    {
        if (images is not null && dataDir is not null)
            throw new ArgumentException("--images and --data-dir exclude each other: --data-dir holds a built-in dataset's files, --images a folder of images.");
        var targets = SweepTargets.Resolve(dataset, images, model);
        return targets.Count == 1 ? targets[0] : throw new ArgumentException("--dataset: evaluate scores one dataset; give one.");
    }

    private static int Run(SweepTarget target, string? dataDir, string? jsonPath, SweepSettings settings)
    {
        var ml = new MLContext(0);
        using var classifier = target.Model.Load(target.Architecture, target.Dataset, settings.Device);
        if (target.AdapterLine(classifier) is { } adapterLine)
            Console.WriteLine(adapterLine);
        var manifest = dataDir is null ? null : ManifestFiles.Read(dataDir);
        IDataView source = target.Dataset is not { } kind ? target.Data(ml, classifier, settings)
            : manifest is not null ? kind.SavedFormat.LoadVerified(dataDir!)
            : kind.Load(DatasetSplit.Test, DownloadReporter.Locator(dataDir));
        IDataView data = settings.Limit is { } n ? ml.Data.TakeRows(source, n) : source;
        var scored = ml.Transforms.ScoreImages(classifier, batchSize: settings.BatchFor(target.Architecture)).Fit(data).Transform(data);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        var labels = scored.GetColumn<uint>(AdversarialColumns.Label).ToArray();
        var predicted = scored.GetColumn<uint>(AdversarialColumns.PredictedLabel).ToArray();
        int correct = labels.Zip(predicted).Count(p => p.First == p.Second);
        var (low, high) = WilsonInterval.Compute(correct, labels.Length);
        var result = new EvaluationResult(target.Name, dataDir ?? target.ImageFolder, classifier.Name, classifier.WeightsSha256, manifest?.Attack, correct,
            labels.Length, (double)correct / labels.Length, low, high, metrics.MicroAccuracy, metrics.MacroAccuracy, metrics.LogLoss);

        Console.WriteLine($"Dataset: {target.Name} ({dataDir ?? target.ImageFolder ?? "official test set"})   Model: {result.Model} (sha256 {result.ModelSha256[..12]})");
        if (manifest is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Saved by {manifest.Tool} {manifest.ToolVersion}: {manifest.Attack.Name} epsilon {manifest.Attack.Epsilon:0.####} on {manifest.Dataset}; checksums verified."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test Accuracy = {correct} / {labels.Length} = {result.Accuracy:0.0000}   CI95 [{low:0.0000}, {high:0.0000}]   micro-acc {metrics.MicroAccuracy:0.0000}   macro-acc {metrics.MacroAccuracy:0.0000}   log-loss {metrics.LogLoss:0.0000}"));
        if (jsonPath is not null)
        {
            AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(result, JsonFiles.Options));
            Console.WriteLine($"Wrote {jsonPath}");
        }
        return 0;
    }
}
