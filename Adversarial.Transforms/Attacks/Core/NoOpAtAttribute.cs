namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Marks a count of an attack's options at which the attack does none of its work (no steps, no queries) and returns
/// every image unchanged. The options accept it, for a caller who wants that; a front end asks before taking it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NoOpAtAttribute(int value) : Attribute
{
    /// <summary>The count that leaves the attack idle.</summary>
    public int Value { get; } = value;
}
