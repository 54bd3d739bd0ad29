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
var spaced = parsed.UnmatchedTokens.Select(t => CliOption.SpacedListProblem(args, t)).OfType<string>().FirstOrDefault();
foreach (var error in spaced is null ? parsed.Errors.Select(e => e.Message) : [spaced])
    Console.Error.WriteLine($"error: {error}");
string command = parsed.CommandResult.Command == root ? "adversarial" : $"adversarial {parsed.CommandResult.Command.Name}";
Console.Error.WriteLine($"See '{command} --help' for the options.");
return 1;
