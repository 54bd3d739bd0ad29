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
return root.Parse(args).Invoke();
