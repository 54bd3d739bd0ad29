namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="PgdAttack"/>.</summary>
public sealed record PgdAttackOptions : BoundedAttackOptions, INormChoice
{
    /// <summary>Budget ε in <see cref="Norm"/>.</summary>
    public override double Epsilon { get; init; } = 0.3;

    /// <summary>L∞ (default) or L2.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>Iterations per restart.</summary>
    [NoOpAt(0)]
    public int Steps { get; init; } = 40;

    /// <summary>Step size α; null means 2.5·ε / steps (Madry et al.).</summary>
    public double? StepSize { get; init; }

    /// <summary>Random restarts; the best (lowest-margin) result per image is kept.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Start from a random point of the ball (else from the clean image).</summary>
    public bool RandomStart { get; init; } = true;

    /// <summary>The step size in effect.</summary>
    public double EffectiveStepSize => StepSize ?? (Steps == 0 ? 0 : 2.5 * Epsilon / Steps);

    /// <summary>This record after checking every value.</summary>
    public PgdAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        // Steps first: the default step size is derived from it, and a user asked for steps, not for a step size.
        OptionChecks.AtLeast(Steps, 0, nameof(Steps));
        OptionChecks.NonNegative(EffectiveStepSize, nameof(StepSize));
        OptionChecks.AtLeast(Restarts, 1, nameof(Restarts));
        return this;
    }
}
