namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="AutoAttack"/>: the budget and the version; every stage keeps the authors' settings.</summary>
public sealed record AutoAttackOptions : BoundedAttackOptions, INormChoice
{
    /// <summary>Budget ε in <see cref="Norm"/>.</summary>
    public override double Epsilon { get; init; } = 0.3;

    /// <summary>L∞ (default) or L2.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>Standard (default) or rand.</summary>
    public AutoAttackVersion Version { get; init; } = AutoAttackVersion.Standard;

    /// <summary>This record after checking every value.</summary>
    public AutoAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.OneOf(Version, nameof(Version), AutoAttackVersion.Standard, AutoAttackVersion.Rand);
        return this;
    }
}
