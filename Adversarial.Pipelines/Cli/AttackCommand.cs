using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Transforms.Fgsm;
using TorchSharp;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary><c>adversarial attack</c>: writes the modified test set, its report and its manifest.</summary>
internal static class AttackCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Dataset to attack: mnist or cifar10.", DefaultValueFactory = _ => "mnist" };
        var epsilon = new Option<double?>("--epsilon") { Description = "FGSM epsilon (default: 0.1 for mnist, 8/255 for cifar10)." };
        var output = new Option<string>("--out") { Description = "Folder to create for the modified dataset and its report.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out folder." };
        var model = new Option<string?>("--model") { Description = "Weights file (default: the shipped weights)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the dataset files (no download then)." };
        var limit = new Option<int?>("--limit") { Description = "Attack only the first N test images." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Images per torch call (default: the model's measured best, 128 for lenet, 32 for cifar-resnet)." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (recorded in the manifest and report).", DefaultValueFactory = _ => 0 };
        var attackOptions = new AttackCliOptions();
        var command = new Command("attack", "Write the attacked test set (own format + PNG folder), report.md/json with plots, and manifest.json.")
        {
            dataset, epsilon, output, force, model, dataDir, limit, batchSize, seed,
        };
        attackOptions.AddTo(command);
        command.SetAction(parsed => CommandGuard.Run(cancellation => Run(DatasetKind.Parse(parsed.GetValue(dataset)!),
            attackOptions.Read(parsed, parsed.GetValue(seed)), parsed.GetValue(epsilon), parsed.GetValue(output)!, parsed.GetValue(force),
            parsed.GetValue(model), parsed.GetValue(dataDir), parsed.GetValue(limit), parsed.GetValue(batchSize), parsed.GetValue(seed), cancellation)));
        return command;
    }

    private static int Run(DatasetKind kind, AttackChoice attack, double? epsilon, string output, bool force, string? modelPath, string? dataDir, int? limit,
        int? batchSize, int seed, CancellationToken cancellation)
    {
        var settings = new SweepSettings(null, limit, dataDir, batchSize, seed);
        double eps = epsilon ?? kind.AttackEpsilon;
        FgsmAttackEpsilon(eps);
        torch.manual_seed(seed);
        var ml = new MLContext(seed);
        string weights = modelPath ?? kind.Model.ShippedWeights;
        using var classifier = kind.Model.Load(weights);
        var source = kind.Load(DatasetSplit.Test, new DatasetLocator(settings.DataDir));
        IDataView data = settings.Limit is { } n ? ml.Data.TakeRows(source, n) : source;
        var request = new AttackExportRequest(SavedFormat.For(kind.Name), kind.SourceFiles(DatasetSplit.Test), weights, attack.Create(eps), output,
            force, settings.BatchFor(kind.Model), seed);
        long rows = data.GetRowCount() ?? 0;
        (Reports.RobustnessReport Report, DatasetManifest Manifest)? outcome = null;
        CommandGuard.ProgressBar().Start(context =>
        {
            var task = context.AddTask($"{attack.Name} attack of {kind.Name}, epsilon {eps.ToString("0.####", CultureInfo.InvariantCulture)}", maxValue: Math.Max(1, rows));
            outcome = AttackExport.Run(ml, classifier, source, data, request, new InlineProgress<long>(done => task.Value = done), cancellation);
        });
        var result = outcome ?? throw new InvalidOperationException("The attack did not run.");
        foreach (string line in SweepTable.Lines(result.Report.Sweep))
            Console.WriteLine(line);
        if (result.Report.Saved is { } saved)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Saved 8-bit dataset: {saved.Correct} / {saved.Total} = {saved.Accuracy:0.0000} (in memory {saved.InMemoryAccuracy:0.0000}, difference {saved.Difference:+0.0000;-0.0000;0.0000}, {saved.ChangedPredictions} predictions changed)"));
        }
        Console.WriteLine($"Wrote {result.Manifest.Files.Count} files and {DatasetManifest.FileName} to {Path.GetFullPath(output)}");
        return 0;
    }

    private static void FgsmAttackEpsilon(double epsilon)
    {
        if (!double.IsFinite(epsilon) || epsilon < 0)
            throw new ArgumentException($"--epsilon: {epsilon} must be a finite number >= 0.");
    }
}
