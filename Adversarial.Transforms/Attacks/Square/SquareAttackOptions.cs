namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="SquareAttack"/> (defaults: the authors' square.py).</summary>
public sealed record SquareAttackOptions : BoundedAttackOptions, INormChoice
{
    /// <summary>Budget ε in <see cref="Norm"/>.</summary>
    public override double Epsilon { get; init; } = 0.3;

    /// <summary>L∞ (default; ±ε squares) or L2 (square.py's L2 branch: windows of opposite-signed rings, the budget moved between them).</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>
    /// Random-search iterations per image (square.py's n_queries): each queries the model once for every image not yet
    /// fooled, after one query at the starting point, so an image never fooled costs <see cref="Queries"/> + 1 queries.
    /// </summary>
    [NoOpAt(0)]
    public int Queries { get; init; } = 5000;

    /// <summary>Initial fraction p of pixels a square covers (halved on the paper's schedule); 0.8 is the authors' everywhere.</summary>
    public double InitialFraction { get; init; } = 0.8;

    /// <summary>
    /// Stretch p's schedule, written for 10,000 iterations, over <see cref="Queries"/> (square.py's resc_schedule, true by
    /// default there); AutoAttack turns it off, so its 5,000 iterations follow the first half of the 10,000-step schedule.
    /// </summary>
    public bool RescaleSchedule { get; init; } = true;

    /// <summary>This record after checking every value.</summary>
    public SquareAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.OneOf(Norm, nameof(Norm), PerturbationNorm.Linf, PerturbationNorm.L2);
        OptionChecks.AtLeast(Queries, 0, nameof(Queries));
        OptionChecks.Between(InitialFraction, 0, false, 1, true, nameof(InitialFraction));
        return this;
    }
}
