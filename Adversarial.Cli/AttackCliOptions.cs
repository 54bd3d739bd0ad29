using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Cli;

/// <summary>
/// The --attack option and one option per tunable property of the registered attacks' options records
/// (Steps → --steps, StepSize → --step-size, ...), shared by <c>sweep</c> and <c>attack</c>. Nothing here
/// names an attack: a newly registered one gets its options on the command line by itself.
/// </summary>
internal sealed class AttackCliOptions
{
    private readonly Option<string> _attack = new("--attack")
    {
        Description = $"Attack: {AttackRegistry.Names}.", DefaultValueFactory = _ => FgsmAttack.Descriptor.Name,
    };

    private readonly Option<string> _target = new("--target") { Description = "none, random, least-likely, or a class index.", DefaultValueFactory = _ => "none" };
    private readonly Option<bool> _onlyCorrect = new("--only-correct") { Description = "Attack only images the model gets right; pass the others through." };
    private readonly Option<bool> _noEarlyStop = new("--no-early-stop") { Description = "Keep iterating on images already fooled." };
    private readonly IReadOnlyList<(string Property, Option<string?> Option)> _tunables;

    public AttackCliOptions()
    {
        _tunables = AttackRegistry.All
            .SelectMany(a => a.TunableOptions.Select(p => (Attack: a.Name, Property: p)))
            .GroupBy(t => t.Property.Name)
            .Select(g => (g.Key, new Option<string?>(OptionName(g.Key))
            {
                Description = $"{Describe(g.First().Property.PropertyType)} ({string.Join(", ", g.Select(t => t.Attack))}).",
            }))
            .ToArray();
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_attack);
        foreach (var (_, option) in _tunables)
            command.Options.Add(option);
        command.Options.Add(_target);
        command.Options.Add(_onlyCorrect);
        command.Options.Add(_noEarlyStop);
    }

    /// <summary>The chosen attack with the given options, at its default budget (sweeps rebuild it per ε).</summary>
    public IAttack Read(ParseResult parsed, int seed)
    {
        string name = parsed.GetValue(_attack)!;
        var descriptor = AttackRegistry.Find(name)
            ?? throw new ArgumentException($"--attack: '{name}' is not known; expected one of {AttackRegistry.Names}.");
        var settings = new AttackSettings
        {
            Targeting = ParseTarget(parsed.GetValue(_target)!), OnlyCorrect = parsed.GetValue(_onlyCorrect),
            EarlyStop = !parsed.GetValue(_noEarlyStop), Seed = seed,
        };
        var tunable = descriptor.TunableOptions.ToDictionary(p => p.Name);
        var overrides = new Dictionary<string, JsonNode?>();
        foreach (var (property, option) in _tunables)
        {
            if (parsed.GetValue(option) is not { } text)
                continue;
            if (!tunable.TryGetValue(property, out var info))
                throw new ArgumentException($"{option.Name} does not apply to --attack {descriptor.Name}; it takes " +
                    (tunable.Count == 0 ? "no options." : string.Join(", ", tunable.Keys.Select(OptionName)) + "."));
            overrides[property] = Parse(option.Name, text, info.PropertyType);
        }
        try
        {
            return descriptor.Create(overrides, settings);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new ArgumentException($"--attack {descriptor.Name}: {e.Message}", e);
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

    private static JsonNode Parse(string option, string text, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        string value = text.Trim();
        if (target == typeof(int) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int whole))
            return JsonValue.Create(whole);
        if (target == typeof(double) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
            return JsonValue.Create(number);
        if (target == typeof(bool) && bool.TryParse(value, out bool flag))
            return JsonValue.Create(flag);
        if (target.IsEnum && Enum.GetNames(target).FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) is { } member)
            return JsonValue.Create(member);
        throw new ArgumentException($"{option}: '{text}' is not {Describe(type)}.");
    }

    private static string Describe(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(int))
            return "a whole number";
        if (target == typeof(double))
            return "a number";
        if (target == typeof(bool))
            return "true or false";
        return target.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(target).Select(n => n.ToLowerInvariant())) : target.Name;
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
