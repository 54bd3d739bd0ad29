namespace MlNetAdversarial.Tests;

/// <summary>What a refusal of the command line may and may not show a user.</summary>
internal static class CliErrors
{
    private static readonly string[] Internals = ["(Parameter '", "System.", "Exception", "   at ", "Actual value was", "frame #", "Exception raised from"];

    /// <summary>"error: …" in the user's words: no .NET or libtorch internals, no stack frames.</summary>
    public static void AssertInTheUsersWords(string errors)
    {
        Assert.StartsWith("error: ", errors);
        foreach (string internals in Internals)
            Assert.DoesNotContain(internals, errors);
    }

    /// <summary>As <see cref="AssertInTheUsersWords"/>, and one line (a parse error may add the line pointing to --help).</summary>
    public static void AssertOneClearLine(string errors)
    {
        AssertInTheUsersWords(errors);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Skip(1).All(l => l.StartsWith("See '", StringComparison.Ordinal)), $"more than one line:\n{errors}");
    }
}
