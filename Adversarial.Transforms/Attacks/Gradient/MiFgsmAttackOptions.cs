namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="MiFgsmAttack"/>.</summary>
public sealed record MiFgsmAttackOptions : BoundedAttackOptions
{
    /// <summary>L∞ budget ε.</summary>
    public override double Epsilon { get; init; } = 0.3;

    /// <summary>Iterations (the paper's T).</summary>
    [NoOpAt(0)]
    public int Steps { get; init; } = 10;

    /// <summary>Momentum decay μ.</summary>
    public double Decay { get; init; } = 1.0;

    /// <summary>The step size α = ε / T.</summary>
    public double StepSize => Steps == 0 ? 0 : Epsilon / Steps;

    /// <summary>This record after checking every value.</summary>
    public MiFgsmAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.NonNegative(Decay, nameof(Decay));
        OptionChecks.AtLeast(Steps, 0, nameof(Steps));
        return this;
    }
}
