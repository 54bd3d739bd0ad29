using System.CommandLine;
using MlNetAdversarial.Cli;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>Every typed option of every command, given a value of the wrong kind, says so while parsing in the user's words.</summary>
public sealed class ParseErrorTests
{
    public static TheoryData<string, string> TypedOptions()
    {
        var rows = new TheoryData<string, string>();
        foreach (var command in Commands())
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool) && o.ValueType != typeof(string) && o.ValueType != typeof(string[])))
                rows.Add(command.Name, option.Name);
        return rows;
    }

    [Theory]
    [MemberData(nameof(TypedOptions))]
    public void AValueOfTheWrongKindNamesTheOptionAndTheValueAndNoDotNetType(string commandName, string optionName)
    {
        var command = Commands().Single(c => c.Name == commandName);
        var errors = new RootCommand { command }.Parse([commandName, optionName, "not-a-value"]).Errors;
        var error = Assert.Single(errors, e => e.Message.Contains(optionName, StringComparison.Ordinal));
        Assert.StartsWith($"{optionName}: 'not-a-value' is not ", error.Message);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Fact]
    public void EveryCommandHasTypedOptionsChecked() => Assert.True(TypedOptions().Count >= 15, $"only {TypedOptions().Count} typed options found");

    private static Command[] Commands() =>
    [
        SweepCommand.Create(), AttackCommand.Create(), EvaluateCommand.Create(), MergeCommand.Create(), BenchCommand.Create(),
        BaselineCommand.Create(), ExportModelCommand.Create(), TrainCommand.Create(), CompareCommand.Create(),
    ];
}
