namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="BimAttack"/>.</summary>
public sealed record BimAttackOptions : BoundedAttackOptions
{
    /// <summary>L∞ budget ε.</summary>
    public override double Epsilon { get; init; } = 0.1;

    /// <summary>Step size α; null means ε / 4.</summary>
    public double? StepSize { get; init; }

    /// <summary>Iterations.</summary>
    [NoOpAt(0)]
    public int Steps { get; init; } = 10;

    /// <summary>The step size in effect.</summary>
    public double EffectiveStepSize => StepSize ?? Epsilon / 4;

    /// <summary>This record after checking every value.</summary>
    public BimAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.NonNegative(EffectiveStepSize, nameof(StepSize));
        OptionChecks.AtLeast(Steps, 0, nameof(Steps));
        return this;
    }
}
