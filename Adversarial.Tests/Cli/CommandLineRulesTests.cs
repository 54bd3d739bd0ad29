using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>
/// Each rule of the command line, through the real process: a value that cannot be meant is refused while the command
/// line is parsed, in one line that names the option as typed, the value and what is allowed, in the user's words.
/// </summary>
public sealed class CommandLineRulesTests
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), "adv-no-such-folder-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string, string[], string[]> Refusals => new()
    {
        // A count outside the range the option acts on, a negative size, a value that is no number.
        { "count below its range", ["sweep", "--batch-size", "0"], ["--batch-size: 0 is not allowed", "a whole number >= 1"] },
        { "negative size", ["sweep", "--limit", "-5"], ["--limit: -5 is not allowed", "a whole number >= 1"] },
        { "not a number", ["sweep", "--limit", "ten"], ["--limit: 'ten' is not a whole number"] },
        { "seed not a number", ["attack", "--out", Missing, "--seed", "x"], ["--seed: 'x' is not a whole number"] },
        { "runs below its range", ["bench", "--runs", "0"], ["--runs: 0 is not allowed"] },
        { "train budget above 1", ["train", "--out", "w.bin", "--adversarial", "pgd", "--epsilon", "3"], ["--epsilon: 3 is outside the range it acts on", "from 0 to 1"] },
        // Attack options: said with the option typed, not the property it sets.
        { "attack count below its range", ["sweep", "--attack", "pgd", "--steps", "-1"], ["--steps: -1 is not allowed for --attack pgd", "a whole number >= 0", "--allow-no-op"] },
        { "attack fraction outside (0, 1)", ["sweep", "--attack", "fab", "--beta", "1"], ["--beta: 1 is not allowed for --attack fab", "a number in (0, 1)"] },
        { "attack bound by another option", ["sweep", "--attack", "hopskipjump", "--max-evaluations", "10"], ["--max-evaluations: 10", ">= 100 (the initial evaluations)"] },
        // Counts and budgets that leave the attack idle.
        { "no steps", ["sweep", "--attack", "pgd", "--steps", "0"], ["--steps 0 makes --attack pgd do none of its work", "--allow-no-op"] },
        { "no queries", ["sweep", "--attack", "square", "--queries", "0"], ["--queries 0 makes --attack square do none of its work"] },
        { "only epsilon 0", ["sweep", "--epsilons", "0"], ["--epsilons 0 leaves every image as it is", "--allow-no-op"] },
        { "attack at epsilon 0", ["attack", "--out", Missing, "--epsilon", "0"], ["--epsilon 0 leaves every image as it is"] },
        { "L-inf budget above 1", ["sweep", "--epsilons", "0.1,2"], ["--epsilons: 2 is outside the range an L-inf budget acts on", "from 0 to 1"] },
        { "budget for a minimal attack", ["sweep", "--attack", "deepfool", "--epsilons", "0.1"], ["--epsilons does not apply to --attack deepfool"] },
        { "L2 budget beyond the farthest two images", ["sweep", "--attack", "pgd", "--norm", "l2", "--epsilons", "0.5,100"], ["--epsilons: 100 is outside the range an L2 budget acts on", "sqrt(784) = 28"] },
        { "target class the model lacks", ["sweep", "--target", "12"], ["--target: 12 is not a class of mnist, which has 10 classes", "0 to 9"] },
        { "warm-up as long as the training", ["train", "--out", "w.bin", "--adversarial", "pgd", "--epsilon", "0.3", "--warmup-epochs", "2", "--epochs", "2"], ["--warmup-epochs: 2 is not allowed with 2 epochs", "expected 0 to 1"] },
        { "unknown dataset", ["sweep", "--dataset", "mnist,svhn"], ["--dataset: 'svhn' is not a known dataset", "mnist, cifar10"] },
        // Empty items in lists.
        { "empty epsilon", ["sweep", "--epsilons", "0,,0.1"], ["--epsilons: '0,,0.1' has an empty item (item 2 of 3)"] },
        { "empty dataset", ["sweep", "--dataset", "mnist,"], ["--dataset: 'mnist,' has an empty item (item 2 of 2)"] },
        { "empty mean", ["sweep", "--mean", "0.1,", "--std", "0.3"], ["--mean: '0.1,' has an empty item"] },
        // Words from a fixed set.
        { "device", ["sweep", "--device", "gpu"], ["--device: 'gpu' is not a device", "cpu, cuda or cuda:N"] },
        { "shard", ["sweep", "--shard", "3/2", "--json", "x.json"], ["--shard: '3/2' is not i/n with 0 <= i < n"] },
        { "scenario", ["bench", "--scenario", "fast"], ["--scenario: 'fast' is not known", "mnist-fgsm"] },
        { "format", ["export-model", "--out", "x.pt", "--format", "onnx"], ["--format: 'onnx' is not known", "pytorch, safetensors, torchsharp"] },
        { "architecture", ["sweep", "--arch", "resnet"], ["--arch: 'resnet' is not a known architecture", "lenet, cifar-resnet"] },
        { "training method", ["train", "--out", "w.bin", "--adversarial", "trades"], ["--adversarial: 'trades' is not a known training method", "pgd, fgsm-rs"] },
        { "missing model of two", ["compare", "--model", TestData.ShippedModel, "--model", Path.Combine(Missing, "b.bin")], ["--model: the file", "b.bin does not exist"] },
        { "existing output without --force", ["sweep", "--out", Path.GetTempPath()], ["--out: ", "already exists; add --force to replace it"] },
        // Paths read.
        { "missing data folder", ["sweep", "--data-dir", Missing], ["--data-dir: the folder", Missing, "does not exist"] },
        { "missing model", ["sweep", "--model", Path.Combine(Missing, "m.onnx")], ["--model: the file", "does not exist"] },
        { "missing partial", ["merge", Path.Combine(Missing, "part0.json")], ["partials: the file", "does not exist"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AValueThatCannotBeMeantIsRefusedInTheUsersWords(string rule, string[] arguments, string[] fragments)
    {
        string errors = CliProcess.Fail(arguments);
        foreach (string fragment in fragments)
            Assert.True(errors.Contains(fragment, StringComparison.Ordinal), $"{rule}: '{fragment}' not in:\n{errors}");
        AssertInTheUsersWords(errors);
    }

    public static TheoryData<string, string, string> OutputPaths()
    {
        var rows = new TheoryData<string, string, string>();
        string underFile = Path.Combine(typeof(CommandLineRulesTests).Assembly.Location, "result.json");
        // /proc takes no new files, even for root (chmod does not stop root).
        foreach (var (command, option) in new[] { ("sweep", "--json"), ("sweep", "--out"), ("attack", "--out"), ("train", "--out"), ("baseline", "--out") })
        {
            rows.Add($"{command} {option}", Path.Combine(Missing, "result"), "does not exist; create it first");
            rows.Add($"{command} {option}", underFile, "which is a file, not a folder");
            rows.Add($"{command} {option}", "/proc/adversarial-result", "does not accept new files");
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(OutputPaths))]
    public void AnOutputThatCannotBeWrittenIsRefusedBeforeAnyWorkNamingTheOptionAndPath(string commandAndOption, string path, string problem)
    {
        string[] parts = commandAndOption.Split(' ');
        string[] rest = parts[0] == "baseline" ? ["--from", typeof(CommandLineRulesTests).Assembly.Location] : [];
        string errors = CliProcess.Fail([parts[0], parts[1], path, .. rest, .. parts[0] == "attack" ? new[] { "--limit", "8" } : []]);
        Assert.Contains($"{parts[1]}: ", errors);
        Assert.Contains(problem, errors);
        Assert.Contains(Path.GetDirectoryName(path)!.Length > 1 && !path.StartsWith("/proc", StringComparison.Ordinal)
            ? Path.GetDirectoryName(path)! : "/proc", errors);
        AssertInTheUsersWords(errors);
    }

    [Fact]
    public void AnIdleAttackIsRunOnlyWithAllowNoOpAndAWarning()
    {
        var (output, errors) = CliProcess.RunWithErrors("sweep", "--attack", "pgd", "--steps", "0", "--allow-no-op", "--epsilons", "0.1", "--limit", "16");
        Assert.Contains("WARNING: --steps 0 makes --attack pgd do none of its work", errors);
        Assert.Contains("steps 0", output);
    }

    [Fact]
    public void ADatasetFolderWithFilesMissingNamesEachOneAndWhereItWasLooked()
    {
        using var folder = new TempFolder();
        // A CIFAR folder with its test batch but not batches.meta.txt: the message names that file, not just the archive.
        File.Copy(TestData.CifarTestBatchPath(), folder.File("test_batch.bin"));
        string errors = CliProcess.Fail("sweep", "--dataset", "cifar10", "--data-dir", folder.Path, "--limit", "8");
        Assert.Contains("1 file(s) not in the data folder: batches.meta.txt", errors);
        Assert.Contains($"put them in the data folder {folder.Path}", errors);
        Assert.EndsWith("(the data folder is --data-dir's)", errors.Trim());
        Assert.Contains($"Looked in: {folder.Path}", errors);

        using var empty = new TempFolder();
        errors = CliProcess.Fail("sweep", "--dataset", "mnist", "--data-dir", empty.Path, "--limit", "8");
        foreach (var file in DatasetRegistry.Mnist.SourceFiles(DatasetSplit.Test))
            Assert.Contains(file.Name, errors);
        Assert.Contains("2 file(s) not in the data folder", errors);
        AssertInTheUsersWords(errors);
    }

    [Fact]
    public void MergeOfShardsFromDifferentSweepsNamesTheFieldAndBothValues()
    {
        using var folder = new TempFolder();
        string[] common = ["sweep", "--dataset", "mnist", "--limit", "20", "--epsilons", "0.1", "--attack", "pgd"];
        CliProcess.Run(null, [.. common, "--steps", "3", "--shard", "0/2", "--json", folder.File("part0.json")]);
        CliProcess.Run(null, [.. common, "--steps", "4", "--shard", "1/2", "--json", folder.File("part1.json")]);
        string errors = CliProcess.Fail("merge", folder.File("part0.json"), folder.File("part1.json"));
        Assert.Contains("Shard 1 comes from another sweep than shard 0: ", errors);
        Assert.Contains("attack parameter steps 4 in shard 1, 3 in shard 0", errors);
        Assert.Contains($"shard 1 = {folder.File("part1.json")}", errors);
    }

    /// <summary>One error line in the user's words: no .NET type, no "(Parameter ...)", no stack trace.</summary>
    private static void AssertInTheUsersWords(string errors) => CliErrors.AssertInTheUsersWords(errors);
}
