using MlNetAdversarial.Pipelines.Storage;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial sweep</c>: the FGSM tutorial's table with ML.NET metrics and significance tests, for any attack.</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var dataset = CliOption.Datasets("--dataset", "Datasets to attack: mnist, cifar10, or a comma list (default: mnist).");
        var images = CliOption.InputFolder("--images", "A folder of PNG/JPEG images, one sub-folder per class, instead of a built-in dataset.");
        var epsilons = new Option<string?>("--epsilons") { Description = "Comma list of epsilons (default: the dataset's list). Epsilon 0 is always included." };
        var limit = CliOption.Count("--limit", "Attack only the first N test images.");
        var dataDir = CliOption.InputFolder("--data-dir", "Folder holding the dataset files (no download then).");
        var json = CliOption.OutputFile("--json", "Also write the results as JSON to this path.");
        var output = CliOption.OutputFolder("--out", "Write report.md, report.json and plots to this folder (one sub-folder per dataset when several).");
        var force = new Option<bool>("--force") { Description = "Replace an existing --out folder." };
        var batchSize = CliOption.Count("--batch-size", "Images per torch call (default: the architecture's measured best, 128 for lenet, 32 for cifar-resnet; 8x on a GPU).");
        var seed = CliOption.Integer("--seed", "Seed of every random choice (recorded in the report).", 0);
        var shard = CliOption.Shard("--shard", "Process only shard i/n (a contiguous 1/n of the rows) and write a partial result to --json for 'merge'.");
        var checks = new Option<bool>("--checks")
        {
            Description = "Also run the checks of Carlini et al. (2019) at the largest epsilon: doubled steps and restarts, unbounded epsilon, "
                + "a black-box attack, transfer from the dataset's standard model (each a report line with its numbers and pass/warn).",
        };
        var surrogate = CliOption.InputFile("--surrogate", "Transfer attack: craft the adversarial images on this model (.onnx, or weights for --surrogate-arch) and score them with --model "
                + "(any format, an ML.NET .zip included); the report gives the transfer success rate and the McNemar test on --model.");
        var surrogateArch = CliOption.Architectures(new Option<string?>("--surrogate-arch")
        {
            Description = $"Architecture of a weights --surrogate: {ArchitectureRegistry.All.Names}. Default: the dataset's.",
        });
        var device = DeviceOption.Create();
        var minCleanAccuracy = SweepSettings.MinimumCleanAccuracyOption();
        var attackOptions = new AttackCliOptions();
        var sanityChecks = new SanityCheckCliOptions();
        var command = new Command("sweep", "Attack the test set at each epsilon and show how much worse the model does.")
        {
            dataset, images, epsilons, limit, dataDir, json, output, force, batchSize, seed, shard, checks, surrogate, surrogateArch, device,
            minCleanAccuracy,
        };
        sanityChecks.AddTo(command);
        var modelOptions = new ModelCliOptions();
        modelOptions.AddTo(command);
        attackOptions.AddTo(command, epsilons, inputs: r => KnownInputs.From(r.GetValue(dataset), r.GetValue(images), modelOptions.Given(r)));
        CliOption.RequireForceToReplace(command, output, force);
        command.SetAction(parsed => CommandGuard.Run(cancellation =>
        {
            var settings = new SweepSettings(parsed.GetValue(epsilons), parsed.GetValue(limit), parsed.GetValue(dataDir),
                parsed.GetValue(batchSize), parsed.GetValue(seed), DeviceOption.Read(parsed, device))
            {
                MinimumCleanAccuracy = parsed.GetValue(minCleanAccuracy) ?? ChanceLevelCheck.DefaultMinimumCleanAccuracy,
                SanityChecks = sanityChecks.Read(parsed, parsed.GetValue(output) ?? parsed.GetValue(json)),
            };
            var model = modelOptions.Read(parsed);
            var targets = SweepTargets.Resolve(parsed.GetValue(dataset), parsed.GetValue(images), model);
            var attack = attackOptions.Read(parsed, settings.Seed);
            var transfer = TransferSurrogate.Read(parsed.GetValue(surrogate), parsed.GetValue(surrogateArch), model, attack);
            if (transfer is null)
                model.RequireRunnable(attack);
            if (transfer is not null && (parsed.GetValue(checks) || parsed.GetValue(shard) is not null))
                throw new ArgumentException("--surrogate runs a transfer attack on the whole dataset; it cannot be combined with --checks or --shard.");
            if (parsed.GetValue(shard) is { } shardText)
                return parsed.GetValue(checks) ? throw new ArgumentException("--checks runs on the whole dataset; it cannot be combined with --shard.") : ShardRun.Run(targets, settings, attack, Shard.Parse(shardText), parsed.GetValue(json), parsed.GetValue(output), cancellation);
            return Run(targets, settings, attack, parsed.GetValue(json), parsed.GetValue(output), parsed.GetValue(force), parsed.GetValue(checks), transfer, cancellation);
        }));
        return command;
    }

    private static int Run(IReadOnlyList<SweepTarget> targets, SweepSettings settings, IAttack attack, string? jsonPath,
        string? outputFolder, bool force, bool checks, ModelChoice? surrogate, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<SweepResult>();
        var reportFolders = new List<string>();
        using var staging = outputFolder is null ? null : new StagingFolder(outputFolder, force);
        foreach (var target in targets)
        {
            var (ml, classifier, data) = target.Open(settings, attack);
            using var owned = classifier;
            using var crafter = surrogate is null ? null : TransferSurrogate.Load(surrogate, target, classifier, settings);
            if (target.AdapterLine(classifier) is { } adapterLine)
                Console.WriteLine(adapterLine);
            var request = new SweepRequest(target.Name, target.Epsilons(settings), settings.BatchFor(target.Architecture), settings.Seed)
            {
                MinimumCleanAccuracy = settings.MinimumCleanAccuracy,
                SanityChecks = settings.SanityChecks,
            };
            long rows = data.GetRowCount() ?? 0;
            var work = Stopwatch.StartNew();
            int budgets = AttackSweepRunner.Budgets(request, attack).Count - 1;
            var display = new SweepProgress($"{attack.Name} sweep of {target.Name}, {budgets} attacked budget(s)", rows, budgets);
            var result = display.Run(progress => crafter is null
                ? AttackSweepRunner.Run(ml, classifier, data, request, attack, progress, cancellation, display)
                : AttackSweepRunner.RunTransfer(ml, crafter, classifier, data, request, attack, progress, cancellation));
            work.Stop();
            if (checks)
                result = result with { Checks = SweepChecks.Run(ml, classifier, data, attack, result, target, settings) };
            foreach (string line in SweepTable.Lines(result))
                Console.WriteLine(line);
            // Read by benchmarks/compare_pytorch.py and autoattack_speed.py: the same span of work their PyTorch loops time,
            // without the sanity checks (timed on their own line).
            double checkSeconds = result.SanityChecks?.Seconds ?? 0;
            Console.WriteLine($"Attack, scoring and Evaluate: {work.Elapsed.TotalSeconds - checkSeconds:0.00} s");
            Console.WriteLine();
            results.Add(result);
            if (staging is not null)
            {
                string folder = targets.Count == 1 ? staging.Path : Path.Combine(staging.Path, target.Name);
                reportFolders.Add(target.Name);
                Directory.CreateDirectory(folder);
                var samples = SampleGridBuilder.Build(crafter ?? classifier, data,
                    result.Epsilons.Select(r => (r.Epsilon, SweepBudgets.AttackAt(attack, r.Epsilon))).ToArray(),
                    scoredBy: crafter is null ? null : classifier);
                ReportWriter.Write(folder, result, samples, saved: null, classifier.ClassNames);
            }
        }
        SweepReport? comparison = staging is not null && results.Count > 1 ? ReportWriter.WriteComparison(staging.Path, results, reportFolders) : null;
        if (jsonPath is not null)
        {
            object report = results.Count == 1 ? results[0] : comparison ?? new SweepReport(results);
            AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(report, JsonFiles.Options));
            Console.WriteLine($"Wrote {jsonPath}");
        }
        if (staging is not null)
        {
            staging.Commit();
            Console.WriteLine($"Wrote the report to {staging.Target}");
        }
        Console.WriteLine($"Elapsed: {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
