namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Every attack of the library, by name. The command line, saved pipelines, reports and tests read
/// this list; adding an attack is its file (with its options record) and one line here.
/// </summary>
public static class AttackRegistry
{
    /// <summary>The registered attacks, in the order the command line lists them.</summary>
    public static IReadOnlyList<AttackDescriptor> All { get; } =
    [
        FgsmAttack.Descriptor,
        BimAttack.Descriptor,
        PgdAttack.Descriptor,
        MiFgsmAttack.Descriptor,
        DeepFoolAttack.Descriptor,
        CarliniWagnerL2Attack.Descriptor,
        SquareAttack.Descriptor,
        ApgdAttack.Descriptor,
        ApgdTargetedAttack.Descriptor,
        FabAttack.Descriptor,
        AutoAttack.Descriptor,
        HopSkipJumpAttack.Descriptor,
    ];

    /// <summary>The names, comma-separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(a => a.Name));

    /// <summary>The names of the attacks that need no gradients (they run on black boxes), comma-separated.</summary>
    public static string BlackBoxNames => string.Join(", ", All.Where(a => !a.IsWhiteBox).Select(a => a.Name));

    /// <summary>The attack called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static AttackDescriptor? Find(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The attack called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No attack has that name; the message lists the names.</exception>
    public static AttackDescriptor Get(string name) =>
        Find(name) ?? throw new ArgumentException($"'{name}' is not a known attack; expected one of {Names}.", nameof(name));

    /// <summary>The entry of an attack instance, or null for an attack that is not the library's (a user's own).</summary>
    public static AttackDescriptor? Of(IAttack attack)
    {
        ArgumentNullException.ThrowIfNull(attack);
        return All.FirstOrDefault(a => a.Describes(attack));
    }
}
