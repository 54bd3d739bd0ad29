namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="FgsmAttack"/>.</summary>
public sealed record FgsmAttackOptions : BoundedAttackOptions
{
    /// <summary>L∞ budget ε (default 0.1, the tutorial's middle value for MNIST).</summary>
    public override double Epsilon { get; init; } = 0.1;

    /// <summary>This record after checking every value.</summary>
    public FgsmAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        return this;
    }
}
