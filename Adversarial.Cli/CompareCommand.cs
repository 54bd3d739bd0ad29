using MlNetAdversarial.Pipelines.Storage;
using MlNetAdversarial.Transforms.ModelFormats;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary><c>adversarial compare</c>: two models under the same attack on the same images, tested pairwise.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model")
        {
            Description = "The two models, A then B (give --model twice): .onnx, or weights for --arch (TorchSharp, .pt/.pth, .safetensors).",
            Required = true, Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = false,
        };
        CliOption.ExistingFiles(models);
        var arch = CliOption.Architectures(new Option<string[]>("--arch")
        {
            Description = $"Architecture of weight files among the models: {ArchitectureRegistry.All.Names} (default: the dataset's); once for both, or twice (A's, then B's).",
            Arity = new ArgumentArity(0, 2), AllowMultipleArgumentsPerToken = false,
        });
        var dataset = CliOption.Datasets("--dataset", "Dataset: mnist or cifar10 (default: mnist).");
        var epsilons = new Option<string?>("--epsilons") { Description = "Comma list of epsilons (default: the dataset's list). Epsilon 0 is always included." };
        var limit = CliOption.Count("--limit", "Compare on the first N test images only.");
        var dataDir = CliOption.InputFolder("--data-dir", "Folder holding the dataset files (no download then).");
        var json = CliOption.OutputFile("--json", "Also write the comparison as JSON to this path.");
        var batchSize = CliOption.Count("--batch-size", "Images per torch call (default: the architecture's measured best).");
        var seed = CliOption.Integer("--seed", "Seed of every random choice.", 0);
        var device = DeviceOption.Create();
        var attackOptions = new AttackCliOptions();
        var command = new Command("compare", "Attack two models on the same images and test, per epsilon, whether their robust accuracies differ (paired: exact McNemar, Newcombe interval).")
        {
            models, arch, dataset, epsilons, limit, dataDir, json, batchSize, seed, device,
        };
        attackOptions.AddTo(command, epsilons, inputs: r => KnownInputs.From(r.GetValue(dataset), null, modelGiven: true));
        command.SetAction(parsed => CommandGuard.Run(cancellation =>
        {
            var settings = new SweepSettings(parsed.GetValue(epsilons), parsed.GetValue(limit), parsed.GetValue(dataDir),
                parsed.GetValue(batchSize), parsed.GetValue(seed), DeviceOption.Read(parsed, device));
            string[] paths = parsed.GetValue(models)!;
            // --arch names the network of the weight files among the two; ONNX files hold their own.
            bool[] onnx = paths.Select(p => ModelFormatRegistry.For(p) == ModelFormatRegistry.Onnx).ToArray();
            string[] archs = parsed.GetValue(arch) ?? [];
            if (archs.Length > 0 && onnx.All(o => o))
                throw new ArgumentException("--arch: both models are ONNX files, which hold their own networks; --arch applies to weight files only.");
            if (archs.Length == 2 && onnx.Any(o => o))
                throw new ArgumentException("--arch: given twice, it names A's and B's networks, but one model is an ONNX file, which holds its own; give --arch once, for the weight file.");
            string? ArchFor(int i) => onnx[i] ? null : archs.Length == 2 ? archs[i] : archs.FirstOrDefault();
            var targets = paths.Select((p, i) => SweepTargets.Resolve(parsed.GetValue(dataset), null,
                new ModelChoice(p, ArchFor(i), new ModelRequest()))).ToArray();
            if (targets[0].Count != 1)
                throw new ArgumentException("--dataset: compare runs on one dataset; give one.");
            return Run(targets[0][0], targets[1][0], settings, attackOptions.Read(parsed, settings.Seed), parsed.GetValue(json), cancellation);
        }));
        return command;
    }

    private static int Run(SweepTarget a, SweepTarget b, SweepSettings settings, Transforms.Attacks.IAttack attack, string? jsonPath, CancellationToken cancellation)
    {
        var (ml, modelA, data) = a.Open(settings, attack);
        using var ownedA = modelA;
        using var modelB = b.Model.Load(b.Architecture, b.Dataset, settings.Device, attack);
        var request = new SweepRequest(a.Name, a.Epsilons(settings), Math.Min(settings.BatchFor(a.Architecture), settings.BatchFor(b.Architecture)), settings.Seed);
        long rows = 2 * (data.GetRowCount() ?? 0);
        ModelComparison comparison = null!;
        CommandGuard.ProgressBar().Start(context =>
        {
            var task = context.AddTask($"{attack.Name} on both models, {a.Name}", maxValue: Math.Max(1, rows));
            long offset = 0, last = 0;
            // Each model's pass reports its own count from 0; the bar shows both passes end to end.
            var progress = new InlineProgress<long>(done =>
            {
                if (done < last)
                    offset += last;
                last = done;
                task.Value = offset + done;
            });
            comparison = ModelComparisonRunner.Run(ml, modelA, modelB, data, request, attack, progress, cancellation);
        });
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Dataset: {comparison.Dataset}   Attack: {comparison.Attack}   Seed: {comparison.Seed}");
        Console.WriteLine($"A: {comparison.ModelA} (sha256 {comparison.ModelASha256[..Math.Min(12, comparison.ModelASha256.Length)]})   "
            + $"B: {comparison.ModelB} (sha256 {comparison.ModelBSha256[..Math.Min(12, comparison.ModelBSha256.Length)]})");
        foreach (var r in comparison.Rows)
        {
            Console.WriteLine(string.Create(inv, $"Epsilon: {r.Epsilon,-6:0.####}\tA {r.CorrectA} / {r.Total} = {r.AccuracyA:0.0000}   B {r.CorrectB} / {r.Total} = {r.AccuracyB:0.0000}   ")
                + string.Create(inv, $"A - B {r.Difference:+0.0000;-0.0000;0.0000} CI95 [{r.DifferenceCi95Low:+0.0000;-0.0000;0.0000}, {r.DifferenceCi95High:+0.0000;-0.0000;0.0000}]   ")
                + string.Create(inv, $"only A / only B {r.OnlyA} / {r.OnlyB}   McNemar p (two-sided) = {r.McNemarTwoSidedP:0.###e+00}"));
        }
        Console.WriteLine("CI95: Newcombe's interval for the paired difference. McNemar: exact test on the images exactly one model gets right.");
        if (jsonPath is not null)
        {
            AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(comparison, JsonFiles.Options));
            Console.WriteLine($"Wrote {jsonPath}");
        }
        return 0;
    }
}
