using MlNetAdversarial.Transforms.Registries;
namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Every attack of the library, by name. The command line, saved pipelines, reports and tests read
/// this list; adding an attack is its file (with its options record) and one line here.
/// </summary>
public static class AttackRegistry
{
    /// <summary>The registered attacks, in the order the command line lists them.</summary>
    public static Registry<AttackDescriptor> All { get; } = new("attack",
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
    ]);

    /// <summary>The names of the attacks that need no gradients (they run on black boxes), comma-separated.</summary>
    public static string BlackBoxNames => string.Join(", ", All.Where(a => !a.IsWhiteBox).Select(a => a.Name));

    /// <summary>The entry of an attack instance, or null for an attack that is not the library's (a user's own).</summary>
    public static AttackDescriptor? Of(IAttack attack)
    {
        ArgumentNullException.ThrowIfNull(attack);
        return All.FirstOrDefault(a => a.Describes(attack));
    }
}
