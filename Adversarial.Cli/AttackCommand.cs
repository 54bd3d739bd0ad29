using MlNetAdversarial.Cli.Terminal;
using MlNetAdversarial.Pipelines.Storage;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using TorchSharp;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial attack</c>: writes the modified test set, its report and its manifest.</summary>
internal static class AttackCommand
{
    public static Command Create()
    {
        var dataset = CliOption.Datasets("--dataset", "Dataset to attack: mnist or cifar10 (default: mnist).");
        var images = CliOption.InputFolder("--images", "A folder of PNG/JPEG images, one sub-folder per class, instead of a built-in dataset (the copy is its png/ folder).");
        var epsilon = CliOption.Number("--epsilon", "Attack budget (default: 0.1 for mnist, 8/255 for cifar10; ignored by deepfool and cw, which have none).", 0);
        var output = CliOption.OutputFolder("--out", "Folder to create for the modified dataset and its report.", required: true);
        var force = new Option<bool>("--force") { Description = "Replace an existing --out folder." };
        var dataDir = CliOption.InputFolder("--data-dir", "Folder holding the dataset files (no download then).");
        var limit = CliOption.Count("--limit", "Attack only the first N test images.");
        var batchSize = CliOption.Count("--batch-size", "Images per torch call (default: the architecture's measured best, 128 for lenet, 32 for cifar-resnet; 8x on a GPU).");
        var seed = CliOption.Integer("--seed", "Seed of every random choice (recorded in the manifest and report).", 0);
        var shard = CliOption.Shard("--shard", "Attack only shard i/n (a contiguous 1/n of the rows): --out gets that part of the dataset, --json a partial result for 'merge'.");
        var json = CliOption.OutputFile("--json", "Also write the results as JSON (with --shard: the partial result, per-image outcomes included).");
        var device = DeviceOption.Create();
        var minCleanAccuracy = SweepSettings.MinimumCleanAccuracyOption();
        var attackOptions = new AttackCliOptions();
        var sanityChecks = new SanityCheckCliOptions();
        var command = new Command("attack", "Write the attacked test set (own format + PNG folder), report.md/json with plots, and manifest.json.")
        {
            dataset, images, epsilon, output, force, dataDir, limit, batchSize, seed, shard, json, device, minCleanAccuracy,
        };
        sanityChecks.AddTo(command);
        var modelOptions = new ModelCliOptions();
        modelOptions.AddTo(command);
        attackOptions.AddTo(command, epsilon: epsilon, inputs: r => KnownInputs.From(r.GetValue(dataset), r.GetValue(images), modelOptions.Given(r)));
        CliOption.RequireForceToReplace(command, output, force);
        command.SetAction(parsed => CommandGuard.Run(cancellation => Run(SweepTargets.Resolve(parsed.GetValue(dataset), parsed.GetValue(images), modelOptions.Read(parsed)),
            attackOptions.Read(parsed, parsed.GetValue(seed)), parsed.GetValue(epsilon), parsed.GetValue(output)!, parsed.GetValue(force),
            new SweepSettings(null, parsed.GetValue(limit), parsed.GetValue(dataDir), parsed.GetValue(batchSize),
                parsed.GetValue(seed), DeviceOption.Read(parsed, device))
            {
                MinimumCleanAccuracy = parsed.GetValue(minCleanAccuracy) ?? ChanceLevelCheck.DefaultMinimumCleanAccuracy,
                SanityChecks = sanityChecks.Read(parsed, parsed.GetValue(output)),
            },
            parsed.GetValue(shard) is { } text ? Shard.Parse(text) : null, parsed.GetValue(json), cancellation)));
        return command;
    }

    private static int Run(IReadOnlyList<SweepTarget> targets, IAttack chosen, double? epsilon, string output, bool force,
        SweepSettings settings, Shard? shard, string? jsonPath, CancellationToken cancellation)
    {
        if (targets.Count != 1)
            throw new ArgumentException("--dataset: attack writes one modified dataset; give one dataset.");
        var target = targets[0];
        target.Model.RequireRunnable(chosen);
        if (shard is not null && jsonPath is null)
            throw new ArgumentException("--shard writes its partial result to --json PATH; give one.");
        double eps = epsilon ?? target.AttackEpsilon;
        var attack = chosen.Budget is null ? chosen : chosen.WithBudget(eps);
        int seed = settings.Seed;
        torch.manual_seed(seed);
        var ml = new MLContext(seed);
        var architecture = target.Architecture;
        using var classifier = target.Model.Load(architecture, target.Dataset, settings.Device, attack);
        if (target.AdapterLine(classifier) is { } adapterLine)
            Console.WriteLine(adapterLine);
        string weights = target.Model.Path ?? $"{architecture.ShippedFor(target.Dataset?.Name ?? "")?.File ?? architecture.ShippedWeights[0].File} (shipped)";
        var (source, format, sourceFiles) = target.Dataset is { } kind
            ? (kind.Load(DatasetSplit.Test, DownloadReporter.Locator(settings.DataDir)), kind.SavedFormat, kind.SourceFiles(DatasetSplit.Test))
            : ImageFolderSource(ml, target, classifier);
        IDataView data = settings.Limit is { } n ? ml.Data.TakeRows(source, n) : source;
        var request = new AttackExportRequest(format, sourceFiles, weights, attack, output, force, settings.BatchFor(architecture), seed)
        {
            MinimumCleanAccuracy = settings.MinimumCleanAccuracy,
            SanityChecks = settings.SanityChecks,
        };
        long rows = shard is null ? data.GetRowCount() ?? 0 : shard.RowCount(Shard.TotalRows(data));
        (RobustnessReport Report, DatasetManifest Manifest, PartialSweep? Partial)? outcome = null;
        CommandGuard.ProgressBar().Start(context =>
        {
            var task = context.AddTask($"{attack.Name} attack of {target.Name}, epsilon {eps.ToString("0.####", CultureInfo.InvariantCulture)}", maxValue: Math.Max(1, rows));
            var progress = new InlineProgress<long>(done => task.Value = done);
            if (shard is null)
            {
                var (report, manifest) = AttackExport.Run(ml, classifier, source, data, request, progress, cancellation);
                outcome = (report, manifest, null);
            }
            else
            {
                outcome = AttackExport.RunShard(ml, classifier, source, data, request, shard, progress, cancellation);
            }
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
        if (jsonPath is not null)
        {
            object written = result.Partial is { } partial ? partial : result.Report.Sweep;
            AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(written, JsonFiles.Options));
            Console.WriteLine(shard is null ? $"Wrote {jsonPath}" : $"Wrote {jsonPath}: shard {shard.Index}/{shard.Count}, for 'merge'");
        }
        return 0;
    }

    private static (ByteImageDataView Source, SavedFormat Format, IReadOnlyList<ManifestSourceFile> Files) ImageFolderSource(MLContext ml,
        SweepTarget target, TorchImageClassifier classifier)
    {
        var folder = ImageFolderDataView.Load(ml, target.ImageFolder!, classifier.InputShape, classifier.ClassNames);
        return (folder, SavedFormat.ImageFolder(target.Name, classifier.InputShape, classifier.ClassNames),
            [new ManifestSourceFile(target.Name + "/", folder.ContentMd5)]);
    }
}
