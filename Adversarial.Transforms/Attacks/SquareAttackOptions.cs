namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="SquareAttack"/>.</summary>
public sealed record SquareAttackOptions
{
    /// <summary>L∞ budget ε.</summary>
    public double Epsilon { get; init; } = 0.3;

    /// <summary>Query budget per image (including the initial one).</summary>
    [NoOpAt(0)]
    public int Queries { get; init; } = 1000;

    /// <summary>Initial fraction p of pixels a square covers (halved on the paper's schedule).</summary>
    public double InitialFraction { get; init; } = 0.3;

    /// <summary>This record after checking every value.</summary>
    public SquareAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.AtLeast(Queries, 0, nameof(Queries));
        OptionChecks.Between(InitialFraction, 0, false, 1, true, nameof(InitialFraction));
        return this;
    }
}
