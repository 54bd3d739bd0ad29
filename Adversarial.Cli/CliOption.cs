using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary>
/// Options checked while the command line is parsed, before any data is read: each error names the option as typed,
/// the value and what is allowed, in the user's words (System.CommandLine's own text names .NET types).
/// </summary>
internal static class CliOption
{
    /// <summary>A whole number of at least <paramref name="minimum"/>: a count, a size, a limit.</summary>
    public static Option<int?> Count(string name, string description, int minimum = 1) => new(name)
    {
        Description = description,
        CustomParser = result => ParseInteger(result, minimum),
    };

    /// <summary>Any whole number (a seed).</summary>
    public static Option<int> Integer(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseInteger(result, int.MinValue) ?? defaultValue,
    };

    /// <summary>Any whole number, or none given.</summary>
    public static Option<int?> OptionalInteger(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseInteger(result, int.MinValue),
    };

    /// <summary>A finite number in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<double?> Number(string name, string description, double minimum, double maximum = double.PositiveInfinity) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            if (Token(result) is not { } text)
                return null;
            string allowed = double.IsPositiveInfinity(maximum) ? Invariant($"a finite number >= {minimum}") : Invariant($"a number from {minimum} to {maximum}");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                return Error<double?>(result, $"'{text}' is not a number; expected {allowed}.");
            return value < minimum || value > maximum ? Error<double?>(result, $"{text} is outside the range it acts on; expected {allowed}.") : value;
        },
    };

    private static readonly HashSet<string> CommaLists = new(StringComparer.Ordinal);

    /// <summary>
    /// For a token the parser did not match that follows the value of a comma-list option ("--mean 0.1 0.2"), how to write it;
    /// else null.
    /// </summary>
    public static string? SpacedListProblem(IReadOnlyList<string> arguments, string token)
    {
        int index = Enumerable.Range(0, arguments.Count).FirstOrDefault(i => arguments[i] == token, -1);
        int option = index - 1;
        while (option > 0 && !arguments[option].StartsWith("--", StringComparison.Ordinal))
            option--;
        if (index < 2 || option < 0 || index - option < 2 || !CommaLists.Contains(arguments[option]))
            return null;
        string values = string.Join(',', arguments.Skip(option + 1).Take(index - option));
        return $"{arguments[option]}: a space ends its value, so '{token}' was left over; give the values as one comma list: {arguments[option]} {values}";
    }

    /// <summary>A comma list whose items may not be empty ("0,,0.1" is a typo, not two values).</summary>
    public static Option<string?> List(string name, string description, string example, Func<string, bool>? isWhole = null,
        Func<string, string?>? itemProblem = null)
    {
        lock (CommaLists)
            CommaLists.Add(name);
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } text || isWhole?.Invoke(text) == true)
                return;
            var items = text.Split(',');
            int empty = Array.FindIndex(items, i => i.Trim().Length == 0);
            if (empty >= 0)
                result.AddError($"{Typed(result)}: '{text}' has an empty item (item {empty + 1} of {items.Length}); give a comma list without blanks, e.g. {example}.");
            else if (items.Select(i => itemProblem?.Invoke(i.Trim())).FirstOrDefault(p => p is not null) is { } problem)
                result.AddError($"{Typed(result)}: {problem}");
        });
        return option;
    }

    /// <summary>Limits <paramref name="option"/> to the registered architectures.</summary>
    public static T Architectures<T>(T option)
        where T : Option => Restrict(option, ArchitectureRegistry.All.Select(a => a.Name).ToArray(), "architecture", n => ArchitectureRegistry.All.Find(n) is not null);

    /// <summary>Built-in datasets by name, as a comma list.</summary>
    public static Option<string?> Datasets(string name, string description) => List(name, description, "mnist,cifar10", itemProblem: item =>
        DatasetRegistry.All.Find(item) is null ? $"'{item}' is not a known dataset; expected one of: {DatasetRegistry.All.Names}." : null);

    /// <summary>A file the command writes: its folder must exist and take new files.</summary>
    public static Option<string?> OutputFile(string name, string description, bool required = false) =>
        WithCheck(new Option<string?>(name) { Description = description, Required = required }, path => OutputPath.Problem(path, isFolder: false));

    /// <summary>A folder the command creates: the folder above it must exist and take new files.</summary>
    public static Option<string?> OutputFolder(string name, string description, bool required = false) =>
        WithCheck(new Option<string?>(name) { Description = description, Required = required }, path => OutputPath.Problem(path, isFolder: true));

    /// <summary>A folder the command reads.</summary>
    public static Option<string?> InputFolder(string name, string description) =>
        WithCheck(new Option<string?>(name) { Description = description },
            path => Directory.Exists(path) ? null : File.Exists(path) ? $"{path} is a file; expected a folder." : $"the folder {Path.GetFullPath(path)} does not exist.");

    /// <summary>A file the command reads.</summary>
    public static Option<string?> InputFile(string name, string description, bool required = false) =>
        ExistingFiles(new Option<string?>(name) { Description = description, Required = required });

    /// <summary>Requires every path given to <paramref name="option"/> (one or several) to be a file that exists.</summary>
    public static T ExistingFiles<T>(T option)
        where T : Option => WithCheck(option, InputFileProblem);

    /// <summary>Why <paramref name="path"/> is not a file to read, or null.</summary>
    public static string? InputFileProblem(string path) =>
        File.Exists(path) ? null : Directory.Exists(path) ? $"{path} is a folder; expected a file." : $"the file {Path.GetFullPath(path)} does not exist.";

    /// <summary>"i/n": shard i of n.</summary>
    public static Option<string?> Shard(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            try
            {
                if (result.GetValueOrDefault<string?>() is { } text)
                    Pipelines.Evaluation.Shard.Parse(text);
            }
            catch (ArgumentException)
            {
                result.AddError($"{Typed(result)}: '{result.GetValueOrDefault<string?>()}' is not i/n with 0 <= i < n (e.g. 0/4 for the first of four shards).");
            }
        });
        return option;
    }

    /// <summary>One of a fixed set of words.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, IReadOnlyCollection<string> allowed) =>
        Restrict(new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue }, allowed);

    /// <summary>
    /// Limits every value typed for <paramref name="option"/> (one or several) to <paramref name="allowed"/>, compared
    /// by <paramref name="isKnown"/> where a registry's own lookup decides (case, spaces).
    /// </summary>
    public static T Restrict<T>(T option, IReadOnlyCollection<string> allowed, string what = "", Func<string, bool>? isKnown = null)
        where T : Option
    {
        isKnown ??= allowed.Contains;
        option.Validators.Add(result =>
        {
            foreach (string text in result.Tokens.Select(t => t.Value).Where(v => !isKnown(v)))
                result.AddError($"{Typed(result)}: '{text}' is not {(what.Length == 0 ? "known" : "a known " + what)}; expected one of {string.Join(", ", allowed)}.");
        });
        return option;
    }

    /// <summary>An existing output is replaced only with the force option: said while parsing, not after the work.</summary>
    public static void RequireForceToReplace(Command command, Option<string?> output, Option<bool> force) => AddCheck(command, result =>
    {
        if (result.GetValue(output) is { Length: > 0 } path && (File.Exists(path) || Directory.Exists(path)) && !result.GetValue(force))
            result.AddError($"{output.Name}: {Path.GetFullPath(path)} already exists; add {force.Name} to replace it.");
    });

    /// <summary>
    /// A check of several options together, run while parsing; it is skipped when one of them did not parse (reading it
    /// throws), since that option's own error already says why.
    /// </summary>
    public static void AddCheck(Command command, Action<CommandResult> check) => command.Validators.Add(result =>
    {
        try
        {
            check(result);
        }
        catch (InvalidOperationException)
        {
            // GetValue throws this for a value that failed to convert, which has its error already.
        }
    });

    /// <summary>The option as the user typed it (an alias included), else its name.</summary>
    public static string Typed(OptionResult result) => result.IdentifierToken?.Value ?? result.Option.Name;

    private static T WithCheck<T>(T option, Func<string, string?> problem)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            foreach (string path in result.Tokens.Select(t => t.Value))
                if ((path.Trim().Length == 0 ? "an empty path is not a path." : problem(path)) is { } message)
                    result.AddError($"{Typed(result)}: {message}");
        });
        return option;
    }

    private static int? ParseInteger(ArgumentResult result, int minimum)
    {
        if (Token(result) is not { } text)
            return null;
        string allowed = minimum == int.MinValue ? "a whole number" : Invariant($"a whole number >= {minimum}");
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            return Error<int?>(result, $"'{text}' is not a whole number; expected {allowed}.");
        return value < minimum ? Error<int?>(result, $"{text} is not allowed; expected {allowed}.") : value;
    }

    private static string? Token(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value.Trim();

    private static T? Error<T>(ArgumentResult result, string message)
    {
        string option = result.Parent is OptionResult parent ? Typed(parent) : result.Argument.Name;
        result.AddError($"{option}: {message}");
        return default;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
