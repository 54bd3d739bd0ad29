using MlNetAdversarial.Cli.Terminal;
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
        var dataset = CliOption.Restrict(new Option<string>("--dataset") { Description = $"Dataset to train on: {DatasetRegistry.All.Names}.", DefaultValueFactory = _ => DatasetRegistry.Mnist.Name },
            DatasetRegistry.All.Select(d => d.Name).ToArray(), "dataset", n => DatasetRegistry.All.Find(n) is not null);
        var arch = CliOption.Architectures(new Option<string?>("--arch")
        {
            Description = $"Network to train: {ArchitectureRegistry.All.Names} (default: the dataset's own; another is fed the dataset's images through the input adapter).",
        });
        var output = CliOption.OutputFile("--out", "Weights file to write (the shipped weights are never replaced).", required: true);
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file." };
        var epochs = CliOption.Count("--epochs", "Passes over the training set (default: the dataset's recipe).");
        var seed = CliOption.OptionalInteger("--seed", "Seed of weights, dropout, shuffling and augmentation (default: the recipe's).");
        var dataDir = CliOption.InputFolder("--data-dir", "Folder holding the dataset files (no download then).");
        var adversarial = CliOption.Restrict(new Option<string?>("--adversarial")
        {
            Description = "Adversarial training: pgd (Madry et al. 2018) or fgsm-rs (FGSM with a random start, Wong et al. 2020); needs --epsilon.",
        }, ["pgd", "fgsm-rs"], "training method");
        var epsilon = CliOption.Number("--epsilon", "L∞ budget of --adversarial, in [0, 1] pixels (e.g. 0.3 for mnist, 0.0314 for cifar10).", 0, 1);
        var attackSteps = CliOption.Count("--attack-steps", "PGD steps per batch with --adversarial pgd (default 40; step 2.5·ε/steps).");
        var warmup = CliOption.Count("--warmup-epochs", "With --adversarial: epochs over which the training ε rises linearly from 0 (default 0; PGD at ε 0.3 on mnist needs a warm-up).", minimum: 0);
        var command = new Command("train", "Train a network on a dataset (deterministic for a seed and a thread count).")
        {
            dataset, arch, output, force, epochs, seed, dataDir, adversarial, epsilon, attackSteps, warmup,
        };
        CliOption.AddCheck(command, result =>
        {
            // The warm-up must end before the last epoch, of those asked for or of the recipe's.
            if (result.GetValue(warmup) is not (> 0 and var warm) || DatasetRegistry.All.Find(result.GetValue(dataset) ?? DatasetRegistry.Mnist.Name) is not { } kind)
                return;
            var architecture = result.GetValue(arch) is { } name ? ArchitectureRegistry.All.Find(name) : kind.DefaultArchitecture;
            if (architecture is null)
                return;
            int total = result.GetValue(epochs) ?? NetworkTrainers.Recipe(architecture, kind).Epochs;
            if (warm >= total)
                result.AddError($"--warmup-epochs: {warm} is not allowed with {total} epochs{(result.GetValue(epochs) is null ? $" (the {kind.Name} recipe's)" : "")}; "
                    + $"the warm-up must end before the last epoch: expected 0 to {total - 1}.");
        });
        CliOption.RequireForceToReplace(command, output, force);
        command.SetAction(parsed => CommandGuard.Run(_ =>
        {
            var kind = SweepTargets.ParseDataset(parsed.GetValue(dataset)!);
            var architecture = parsed.GetValue(arch) is { } name ? SweepTargets.ParseArchitecture(name) : kind.DefaultArchitecture;
            return Run(kind, architecture, parsed.GetValue(output)!, parsed.GetValue(epochs), parsed.GetValue(seed),
                parsed.GetValue(dataDir), Adversarial(parsed.GetValue(adversarial), parsed.GetValue(epsilon), parsed.GetValue(attackSteps), parsed.GetValue(warmup)));
        }));
        return command;
    }

    private static AdversarialTrainingOptions? Adversarial(string? method, double? epsilon, int? steps, int? warmup)
    {
        if (method is null)
        {
            if (epsilon is not null || steps is not null || warmup is not null)
                throw new ArgumentException("--epsilon, --attack-steps and --warmup-epochs apply to adversarial training; give --adversarial pgd or fgsm-rs.");
            return null;
        }
        var kind = method switch
        {
            "pgd" => AdversarialTrainingMethod.Pgd,
            "fgsm-rs" => AdversarialTrainingMethod.FgsmRandomStart,
            _ => throw new ArgumentException($"--adversarial: '{method}' is not one of pgd, fgsm-rs."),
        };
        if (epsilon is not { } eps || !(eps > 0 && eps <= 1))
            throw new ArgumentException($"--epsilon: adversarial training needs a budget in (0, 1]; got {epsilon?.ToString(CultureInfo.InvariantCulture) ?? "none"}.");
        if (kind == AdversarialTrainingMethod.FgsmRandomStart && steps is not null)
            throw new ArgumentException("--attack-steps: fgsm-rs takes one step; the option applies to --adversarial pgd.");
        var options = new AdversarialTrainingOptions { Method = kind, Epsilon = eps, WarmupEpochs = warmup ?? 0 };
        return steps is { } n ? options with { Steps = n } : options;
    }

    private static int Run(DatasetDescriptor dataset, ArchitectureDescriptor architecture, string output, int? epochs, int? seed,
        string? dataDir, AdversarialTrainingOptions? adversarial)
    {
        string path = Path.GetFullPath(output);
        var preset = NetworkTrainers.Recipe(architecture, dataset);
        var options = preset with { Epochs = epochs ?? preset.Epochs, Seed = seed ?? preset.Seed, Adversarial = adversarial };
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
            // The bar's title carries the last epoch's numbers while it runs; the lines follow when it is done.
            var epochLines = new InlineProgress<EpochSummary>(summary => task.Description = $"{architecture.Name} on {dataset.Name}, {EpochLine(summary, adversarial)}");
            report = NetworkTrainers.Train(architecture, train, test, options, path, progress, epochLines);
        });
        foreach (var summary in report.Epochs ?? [])
            Console.WriteLine(EpochLine(summary, adversarial));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test accuracy: {report.TestAccuracy:0.0000}   Time: {report.Seconds:0.0} s   Seed: {options.Seed}   Epochs: {options.Epochs}"));
        Console.WriteLine($"Wrote {report.WeightsPath} (sha256 {report.WeightsSha256})");
        return 0;
    }

    private static string EpochLine(EpochSummary summary, AdversarialTrainingOptions? adversarial)
    {
        var inv = CultureInfo.InvariantCulture;
        string line = string.Create(inv, $"Epoch {summary.Epoch}: mean training loss {summary.Loss:0.0000}");
        if (summary.RobustAccuracy is not { } robust || adversarial is null)
            return line;
        return line + string.Create(inv, $"   first {adversarial.EvaluationImages} test images: clean {summary.CleanAccuracy:0.0000}, ")
            + string.Create(inv, $"PGD-{adversarial.EvaluationSteps} (eps {adversarial.Epsilon:0.####}) {robust:0.0000}");
    }
}
