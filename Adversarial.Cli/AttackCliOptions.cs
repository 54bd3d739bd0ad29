using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;
using System.Text;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Cli;

/// <summary>
/// The --attack option and one option per tunable property of the registered attacks' options records
/// (Steps → --steps, StepSize → --step-size, ...), shared by <c>sweep</c> and <c>attack</c>. Nothing here
/// names an attack: a newly registered one gets its options on the command line by itself.
/// </summary>
internal sealed class AttackCliOptions
{
    private const string NoTarget = "none";

    private readonly Option<string> _attack = new("--attack")
    {
        Description = $"Attack: {AttackRegistry.All.Names}.", DefaultValueFactory = _ => FgsmAttack.Descriptor.Name,
    };

    private readonly Option<string> _target = new("--target") { Description = "none, random, least-likely, or a class index.", DefaultValueFactory = _ => NoTarget };
    private readonly Option<bool> _onlyCorrect = new("--only-correct") { Description = "Attack only images the model gets right; pass the others through." };
    private readonly Option<bool> _noEarlyStop = new("--no-early-stop") { Description = "Keep iterating on images already fooled." };
    private readonly Option<bool> _allowNoOp = new("--allow-no-op")
    {
        Description = "Accept settings that leave the attack idle (--steps 0, --queries 0, only epsilon 0), with a WARNING, e.g. for a random-start baseline.",
    };
    private readonly IReadOnlyList<(string Property, Option<string?> Option)> _tunables;

    public AttackCliOptions()
    {
        _tunables = AttackRegistry.All
            .SelectMany(a => a.TunableOptions.Select(p => (Attack: a.Name, Property: p)))
            .GroupBy(t => t.Property.Name)
            .Select(g => (g.Key, new Option<string?>(OptionName(g.Key))
            {
                Description = $"{AttackOptions.Describe(g.First().Property.PropertyType)} ({string.Join(", ", g.Select(t => t.Attack))}).",
            }))
            .ToArray();
    }

    private Option<string?>? _epsilons;
    private Option<double?>? _epsilon;
    private Func<CommandResult, KnownInputs?> _inputs = _ => null;

    /// <summary>
    /// Adds the options to <paramref name="command"/>, whose budget option (a list or one value), if any, is checked against the
    /// attack and, where <paramref name="inputs"/> knows them while parsing, the images (an L2 budget) and classes (--target).
    /// </summary>
    public void AddTo(Command command, Option<string?>? epsilons = null, Option<double?>? epsilon = null, Func<CommandResult, KnownInputs?>? inputs = null)
    {
        (_epsilons, _epsilon) = (epsilons, epsilon);
        _inputs = inputs ?? _inputs;
        command.Options.Add(_attack);
        foreach (var (_, option) in _tunables)
            command.Options.Add(option);
        command.Options.Add(_target);
        command.Options.Add(_onlyCorrect);
        command.Options.Add(_noEarlyStop);
        command.Options.Add(_allowNoOp);
        CliOption.AddCheck(command, Check);
    }

    /// <summary>
    /// The chosen attack with the given options, at its default budget (sweeps rebuild it per ε); a count that leaves it idle
    /// gets a WARNING line (the parse refused it unless --allow-no-op was given).
    /// </summary>
    public IAttack Read(ParseResult parsed, int seed)
    {
        var warnings = new List<string>();
        var attack = Build(o => parsed.GetValue(o), parsed.GetValue(_attack)!, parsed.GetValue(_target)!, parsed.GetValue(_onlyCorrect),
            parsed.GetValue(_noEarlyStop), parsed.GetValue(_allowNoOp), seed, warnings);
        CheckBudgets(attack, _epsilons is null ? null : parsed.GetValue(_epsilons), _epsilon is null ? null : parsed.GetValue(_epsilon), parsed.GetValue(_allowNoOp), warnings);
        foreach (string warning in warnings)
            Console.Error.WriteLine($"WARNING: {warning}");
        return attack;
    }

    /// <summary>Builds the attack the command line describes while it is parsed; an error is added when it cannot be built.</summary>
    private void Check(CommandResult result)
    {
        try
        {
            // Validators run before the defaults are filled in.
            var attack = Build(o => result.GetValue(o), result.GetValue(_attack) ?? FgsmAttack.Descriptor.Name, result.GetValue(_target) ?? NoTarget, result.GetValue(_onlyCorrect),
                result.GetValue(_noEarlyStop), result.GetValue(_allowNoOp), 0, []);
            var known = _inputs(result);
            CheckBudgets(attack, _epsilons is null ? null : result.GetValue(_epsilons), _epsilon is null ? null : result.GetValue(_epsilon), result.GetValue(_allowNoOp), [], known);
            if (known is { Classes: { } classes } && TargetProblem(attack, classes, string.Join(" or ", known.Datasets.Select(d => d.Name))) is { } problem)
                throw new ArgumentException(problem);
        }
        catch (ArgumentException e)
        {
            result.AddError(e.Message);
        }
    }

    /// <summary>Why the attack's fixed --target is not one of <paramref name="classes"/> classes of <paramref name="model"/>, or null.</summary>
    public static string? TargetProblem(IAttack attack, int classes, string model) =>
        attack.Settings.Targeting is { Kind: TargetingKind.FixedLabel, Label: var label } && label >= classes
            ? $"--target: {label} is not a class of {model}, which has {classes} classes; expected none, random, least-likely or 0 to {classes - 1}."
            : null;

    private void CheckBudgets(IAttack attack, string? epsilons, double? epsilon, bool allowNoOp, List<string> warnings, KnownInputs? known = null)
    {
        if (epsilons is not null)
            EpsilonList.Check(attack, EpsilonList.Parse(epsilons, _epsilons!.Name), _epsilons.Name, allowNoOp, warnings, known);
        if (epsilon is { } one)
            EpsilonList.Check(attack, [one], _epsilon!.Name, allowNoOp, warnings, known);
    }

    private IAttack Build(Func<Option<string?>, string?> valueOf, string name, string target, bool onlyCorrect, bool noEarlyStop,
        bool allowNoOp, int seed, List<string> warnings)
    {
        var descriptor = AttackRegistry.All.Find(name)
            ?? throw new ArgumentException($"--attack: '{name}' is not known; expected one of {AttackRegistry.All.Names}.");
        var settings = new AttackSettings
        {
            Targeting = ParseTarget(target), OnlyCorrect = onlyCorrect, EarlyStop = !noEarlyStop, Seed = seed,
        };
        var tunable = descriptor.TunableOptions.ToDictionary(p => p.Name);
        var options = descriptor.DefaultOptions;
        var typed = new Dictionary<string, (string Option, string Text)>();
        foreach (var (property, option) in _tunables)
        {
            if (valueOf(option) is not { } text)
                continue;
            if (!tunable.TryGetValue(property, out var info))
                throw new ArgumentException($"{option.Name} does not apply to --attack {descriptor.Name}; it takes " +
                    (tunable.Count == 0 ? "no options." : string.Join(", ", tunable.Keys.Select(OptionName)) + "."));
            try
            {
                options = options.With(property, text);
            }
            catch (OptionValueException e)
            {
                throw new ArgumentException($"{option.Name}: '{text}' is not {e.Expected}.", e);
            }
            typed[property] = (option.Name, text.Trim());
            if (info.GetCustomAttribute<NoOpAtAttribute>() is { } idle && (int)info.GetValue(options)! == idle.Value)
            {
                string problem = $"{option.Name} {idle.Value} makes --attack {descriptor.Name} do none of its work: every image comes back unchanged";
                if (!allowNoOp)
                    throw new ArgumentException($"{problem}. Give a count of at least {idle.Value + 1}, or add --allow-no-op if that is what you want.");
                warnings.Add(problem + ".");
            }
        }
        try
        {
            return descriptor.Create(options, settings);
        }
        catch (OptionOutOfRangeException e)
        {
            // Said with the option and the value the user typed; a derived value is said through the option it comes from.
            var (option, text) = typed.TryGetValue(e.ParamName!, out var given) ? given : (OptionName(e.ParamName!), Convert.ToString(e.ActualValue, CultureInfo.InvariantCulture));
            string idle = tunable.TryGetValue(e.ParamName!, out var info) && info.GetCustomAttribute<NoOpAtAttribute>() is { } noOp
                ? $" ({noOp.Value}, which leaves the attack idle, only with --allow-no-op)" : "";
            throw new ArgumentException($"{option}: {text} is not allowed for --attack {descriptor.Name}; expected {e.Allowed}{idle}.", e);
        }
    }

    /// <summary>"StepSize" → "--step-size".</summary>
    public static string OptionName(string property)
    {
        var name = new StringBuilder("--");
        for (int i = 0; i < property.Length; i++)
        {
            if (char.IsUpper(property[i]) && i > 0)
                name.Append('-');
            name.Append(char.ToLowerInvariant(property[i]));
        }
        return name.ToString();
    }

    private static AttackTargeting ParseTarget(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => AttackTargeting.Untargeted,
        "random" => AttackTargeting.RandomOther,
        "least-likely" => AttackTargeting.LeastLikely,
        var other when int.TryParse(other, NumberStyles.None, CultureInfo.InvariantCulture, out int label) => AttackTargeting.Fixed(label),
        var other => throw new ArgumentException($"--target: '{other}' is not none, random, least-likely or a class index."),
    };
}
