using System.CommandLine;
using MlNetAdversarial.Cli;

var root = new RootCommand("adversarial: adversarial robustness sweeps of image classifiers (FGSM, PGD, ...), evaluated with ML.NET.");
root.Subcommands.Add(SweepCommand.Create());
root.Subcommands.Add(AttackCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(MergeCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(BaselineCommand.Create());
root.Subcommands.Add(ExportModelCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
var parsed = root.Parse(args);
if (parsed.Errors.Count == 0)
    return parsed.Invoke();
// The errors alone, in the form the commands use, instead of the whole help text they would drown in.
foreach (var error in parsed.Errors)
    Console.Error.WriteLine($"error: {error.Message}");
string command = parsed.CommandResult.Command == root ? "adversarial" : $"adversarial {parsed.CommandResult.Command.Name}";
Console.Error.WriteLine($"See '{command} --help' for the options.");
return 1;
