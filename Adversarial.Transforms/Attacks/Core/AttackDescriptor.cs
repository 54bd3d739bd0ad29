using MlNetAdversarial.Transforms.Registries;
using System.Reflection;
using System.Text.Json;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// One entry of <see cref="AttackRegistry"/>: what an attack is, how to build it from its options
/// record (or from names and text, through <see cref="AttackOptions.With"/>), and how its options are saved as JSON (saved pipelines).
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
    private readonly Func<IAttack, AttackOptions?> _optionsOf;

    private AttackDescriptor(string name, string title, PerturbationNorm norm, AttackBudgetKind budgetKind, bool isWhiteBox, Type optionsType,
        Func<object, AttackSettings, IAttack> create, Func<IAttack, AttackOptions?> optionsOf)
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
    public IReadOnlyList<PropertyInfo> TunableOptions => AttackOptions.TunableOf(OptionsType);

    /// <summary>The default options.</summary>
    public AttackOptions DefaultOptions => (AttackOptions)Activator.CreateInstance(OptionsType)!;

    /// <summary>
    /// An entry for attack type <typeparamref name="TAttack"/> built from <typeparamref name="TOptions"/>; the attack is bounded
    /// by a budget exactly when its options are <see cref="BoundedAttackOptions"/>.
    /// </summary>
    public static AttackDescriptor Create<TAttack, TOptions>(string name, string title, PerturbationNorm norm, bool isWhiteBox,
        Func<TOptions, AttackSettings, TAttack> create)
        where TAttack : Attack<TOptions>
        where TOptions : AttackOptions, new() =>
        new(name, title, norm, typeof(BoundedAttackOptions).IsAssignableFrom(typeof(TOptions)) ? AttackBudgetKind.Bounded : AttackBudgetKind.Minimal,
            isWhiteBox, typeof(TOptions), (options, settings) => create((TOptions)options, settings), attack => attack is TAttack typed ? typed.Options : null);

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
        return JsonSerializer.SerializeToElement(OptionsOf(attack), OptionsType, Json);
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

    /// <summary>The options of <paramref name="attack"/> (this entry's attack).</summary>
    public AttackOptions OptionsOf(IAttack attack) =>
        _optionsOf(attack) ?? throw new ArgumentException($"{attack.GetType().Name} is not the '{Name}' attack.", nameof(attack));

    /// <summary>
    /// The default options with some properties replaced (by their C# names; values as <see cref="AttackOptions.With"/> takes
    /// them, text included), e.g. from the command line.
    /// </summary>
    public IAttack Create(IReadOnlyDictionary<string, object?> overrides, AttackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var options = DefaultOptions;
        foreach (var (property, value) in overrides)
            options = options.With(property, value);
        return Create(options, settings);
    }
}
