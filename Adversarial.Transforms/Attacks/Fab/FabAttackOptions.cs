namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="FabAttack"/>; the defaults are FAB-T of AutoAttack's "standard" version.</summary>
public sealed record FabAttackOptions : BoundedAttackOptions, INormChoice
{
    /// <summary>Budget ε in <see cref="Norm"/>: an example counts (and is returned) only within it.</summary>
    public override double Epsilon { get; init; } = 0.3;

    /// <summary>L∞ (default) or L2.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>Iterations per target class and restart.</summary>
    [NoOpAt(0)]
    public int Steps { get; init; } = 100;

    /// <summary>Restarts per target class; the second and later start at a random point of half the budget.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>How many target classes are tried: the 2nd, 3rd, … most likely class of the clean image.</summary>
    public int TargetClasses { get; init; } = 9;

    /// <summary>The largest weight α_max of the projection of the clean image in each step's convex combination.</summary>
    public double AlphaMax { get; init; } = 0.1;

    /// <summary>Overshoot η of each projection step (beyond the linearized boundary).</summary>
    public double Eta { get; init; } = 1.05;

    /// <summary>Backward step β: after a success the iterate moves back to clean + β·(iterate − clean).</summary>
    public double Beta { get; init; } = 0.9;

    /// <summary>This record after checking every value.</summary>
    public FabAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.AtLeast(Steps, 0, nameof(Steps));
        OptionChecks.AtLeast(Restarts, 1, nameof(Restarts));
        OptionChecks.AtLeast(TargetClasses, 1, nameof(TargetClasses));
        OptionChecks.Between(AlphaMax, 0, true, 1, true, nameof(AlphaMax));
        if (!(Eta >= 1 && double.IsFinite(Eta)))
            throw new OptionOutOfRangeException(nameof(Eta), Eta, "a finite number >= 1");
        OptionChecks.Between(Beta, 0, false, 1, false, nameof(Beta));
        return this;
    }
}
