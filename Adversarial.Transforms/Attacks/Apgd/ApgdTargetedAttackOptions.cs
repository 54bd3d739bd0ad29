namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="ApgdTargetedAttack"/>; the defaults are AutoAttack's "standard" version.</summary>
public sealed record ApgdTargetedAttackOptions : BoundedAttackOptions, INormChoice
{
    /// <summary>Budget ε in <see cref="Norm"/>.</summary>
    public override double Epsilon { get; init; } = 0.3;

    /// <summary>L∞ (default) or L2.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>Iterations per target class and restart.</summary>
    [NoOpAt(0)]
    public int Steps { get; init; } = 100;

    /// <summary>Restarts per target class, each on the images still classified correctly.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>The checkpoints' threshold ρ (see <see cref="ApgdAttackOptions.Rho"/>).</summary>
    public double Rho { get; init; } = 0.75;

    /// <summary>How many target classes are tried: the 2nd, 3rd, … most likely class of the clean image.</summary>
    public int TargetClasses { get; init; } = 9;

    /// <summary>This record after checking every value.</summary>
    public ApgdTargetedAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.AtLeast(Steps, 0, nameof(Steps));
        OptionChecks.AtLeast(Restarts, 1, nameof(Restarts));
        OptionChecks.AtLeast(TargetClasses, 1, nameof(TargetClasses));
        OptionChecks.Between(Rho, 0, false, 1, true, nameof(Rho));
        return this;
    }
}
