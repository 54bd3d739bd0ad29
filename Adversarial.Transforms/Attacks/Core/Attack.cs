using static System.FormattableString;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// The base of the registered attacks: the identity (name, white box or not, the norm of its defaults) is the registry
/// entry's, the budget is the options' ε, and the same attack at another budget is the entry's attack built from the
/// options with that ε. An attack adds its run and the parameters its reports show.
/// </summary>
/// <typeparam name="TOptions">The attack's options record.</typeparam>
public abstract class Attack<TOptions> : IAttack
    where TOptions : AttackOptions
{
    /// <summary>An attack registered as <paramref name="entry"/>, with validated <paramref name="options"/>.</summary>
    protected Attack(AttackDescriptor entry, TOptions options, AttackSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(options);
        Entry = entry;
        Options = options;
        Settings = settings ?? AttackSettings.Default;
    }

    /// <summary>The attack's registry entry.</summary>
    public AttackDescriptor Entry { get; }

    /// <summary>The attack's options.</summary>
    public TOptions Options { get; }

    /// <inheritdoc />
    public AttackSettings Settings { get; }

    /// <inheritdoc />
    public string Name => Entry.Name;

    /// <inheritdoc />
    /// <remarks>The options' norm where they choose one (<see cref="INormChoice"/>), else the entry's.</remarks>
    public PerturbationNorm Norm => Options is INormChoice chosen ? chosen.Norm : Entry.Norm;

    /// <inheritdoc />
    public double? Budget => Options is BoundedAttackOptions bounded ? bounded.Epsilon : null;

    /// <inheritdoc />
    public bool IsWhiteBox => Entry.IsWhiteBox;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var parameters = new Dictionary<string, string>();
            if (Budget is { } budget)
                parameters[AttackParameters.Budget] = Invariant($"{budget:0.####}");
            AddParameters(parameters);
            return parameters;
        }
    }

    /// <inheritdoc />
    public IAttack WithBudget(double budget) =>
        Options is BoundedAttackOptions bounded ? Entry.Create(bounded with { Epsilon = budget }, Settings) : this;

    /// <inheritdoc />
    public abstract AttackResult Run(AttackBatch batch);

    /// <summary>Adds the parameters other than the budget, formatted with the invariant culture, in the order reports show them.</summary>
    protected virtual void AddParameters(IDictionary<string, string> parameters)
    {
    }
}
