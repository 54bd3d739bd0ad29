namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="DeepFoolAttack"/>.</summary>
public sealed record DeepFoolAttackOptions : AttackOptions
{
    /// <summary>Maximum iterations.</summary>
    [NoOpAt(0)]
    public int Steps { get; init; } = 50;

    /// <summary>Overshoot η: the final perturbation is (1 + η)·r.</summary>
    public double Overshoot { get; init; } = 0.02;

    /// <summary>This record after checking every value.</summary>
    public DeepFoolAttackOptions Validated()
    {
        OptionChecks.AtLeast(Steps, 0, nameof(Steps));
        OptionChecks.NonNegative(Overshoot, nameof(Overshoot));
        return this;
    }
}
