using MlNetAdversarial.Transforms.Registries;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// One entry of <see cref="AttackRegistry"/>: what an attack is, how to build it from its options
/// record, and how its options travel as JSON (saved pipelines, manifests, command-line parameters).
/// </summary>
public sealed class AttackDescriptor : IRegistryEntry
{
    /// <summary>JSON settings of options records (camelCase, enums as names).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly Func<object, AttackSettings, IAttack> _create;
    private readonly Func<IAttack, object?> _optionsOf;

    private AttackDescriptor(string name, string title, PerturbationNorm norm, AttackBudgetKind budgetKind, bool isWhiteBox, Type optionsType,
        Func<object, AttackSettings, IAttack> create, Func<IAttack, object?> optionsOf)
    {
        Name = name;
        Title = title;
        Norm = norm;
        BudgetKind = budgetKind;
        IsWhiteBox = isWhiteBox;
        OptionsType = optionsType;
        _create = create;
        _optionsOf = optionsOf;
    }

    /// <summary>The attack's name (command line, saved pipelines, reports).</summary>
    public string Name { get; }

    /// <summary>The attack with its paper, for reports.</summary>
    public string Title { get; }

    /// <summary>The norm of the default options (PGD can be switched to L2 by its options).</summary>
    public PerturbationNorm Norm { get; }

    /// <summary>Whether a budget bounds the attack or it looks for a minimal perturbation.</summary>
    public AttackBudgetKind BudgetKind { get; }

    /// <summary>Whether the attack needs gradients.</summary>
    public bool IsWhiteBox { get; }

    /// <summary>The options record the attack is built from.</summary>
    public Type OptionsType { get; }

    /// <summary>The options' settable properties other than the budget: what a user can tune.</summary>
    public IReadOnlyList<PropertyInfo> TunableOptions => OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is not null && p.Name != "Epsilon").ToArray();

    /// <summary>An entry for attack type <typeparamref name="TAttack"/> built from <typeparamref name="TOptions"/>.</summary>
    public static AttackDescriptor Create<TAttack, TOptions>(string name, string title, PerturbationNorm norm, AttackBudgetKind budgetKind,
        bool isWhiteBox, Func<TOptions, AttackSettings, TAttack> create, Func<TAttack, TOptions> optionsOf)
        where TAttack : IAttack
        where TOptions : class, new() =>
        new(name, title, norm, budgetKind, isWhiteBox, typeof(TOptions),
            (options, settings) => create((TOptions)options, settings), attack => attack is TAttack typed ? optionsOf(typed) : null);

    /// <summary>Whether <paramref name="attack"/> is this entry's attack.</summary>
    public bool Describes(IAttack attack) => _optionsOf(attack) is not null;

    /// <summary>The attack with default options, or with <paramref name="options"/> (of <see cref="OptionsType"/>).</summary>
    public IAttack Create(object? options = null, AttackSettings? settings = null)
    {
        options ??= Activator.CreateInstance(OptionsType)!;
        if (!OptionsType.IsInstanceOfType(options))
            throw new ArgumentException($"Attack '{Name}' takes {OptionsType.Name}; got {options.GetType().Name}.", nameof(options));
        return _create(options, settings ?? AttackSettings.Default);
    }

    /// <summary>The attack's options as JSON.</summary>
    public JsonElement SaveOptions(IAttack attack)
    {
        var options = _optionsOf(attack) ?? throw new ArgumentException($"{attack.GetType().Name} is not the '{Name}' attack.", nameof(attack));
        return JsonSerializer.SerializeToElement(options, OptionsType, Json);
    }

    /// <summary>The attack from options saved by <see cref="SaveOptions"/> (missing properties take their defaults).</summary>
    /// <exception cref="InvalidDataException">The JSON does not hold this attack's options.</exception>
    public IAttack Load(JsonElement options, AttackSettings settings)
    {
        try
        {
            var value = options.Deserialize(OptionsType, Json) ?? throw new InvalidDataException($"Attack '{Name}' has no options.");
            return Create(value, settings);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The options of attack '{Name}' do not fit {OptionsType.Name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The default options with some properties replaced (by their C# names), e.g. from the command
    /// line; values are parsed as the property's type.
    /// </summary>
    public IAttack Create(IReadOnlyDictionary<string, JsonNode?> overrides, AttackSettings settings)
    {
        var json = JsonSerializer.SerializeToNode(Activator.CreateInstance(OptionsType), OptionsType, Json)!.AsObject();
        foreach (var (property, value) in overrides)
            json[Json.PropertyNamingPolicy!.ConvertName(property)] = value?.DeepClone();
        return Load(JsonSerializer.SerializeToElement(json, Json), settings);
    }
}
