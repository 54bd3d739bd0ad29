namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="HopSkipJumpAttack"/>; the defaults are the authors' hsja.py's (40 iterations, 100 → 10,000 evaluations, 10,000 tries, γ 1).</summary>
public sealed record HopSkipJumpAttackOptions : BoundedAttackOptions, INormChoice
{
    /// <summary>
    /// A quicker preset for a first look on a CPU: 20 iterations, at most 1,000 evaluations per estimate and 100 initial
    /// tries (about a tenth of the default's queries; weaker, so robust accuracy is overstated against the defaults).
    /// </summary>
    public static HopSkipJumpAttackOptions Quick { get; } = new() { Iterations = 20, MaxEvaluations = 1000, InitialTries = 100 };

    /// <summary>Budget ε in <see cref="Norm"/>: the smallest adversarial example found is projected into this ball.</summary>
    public override double Epsilon { get; init; } = 0.3;

    /// <summary>L∞ (default) or L2: the distance the search minimizes.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>Gradient-estimation steps after the first boundary point.</summary>
    public int Iterations { get; init; } = 40;

    /// <summary>Label queries of the first gradient estimate (the t-th takes √t times as many, up to <see cref="MaxEvaluations"/>).</summary>
    public int InitialEvaluations { get; init; } = 100;

    /// <summary>The most label queries one gradient estimate takes.</summary>
    public int MaxEvaluations { get; init; } = 10000;

    /// <summary>Uniform-noise images tried per image to find a first misclassified point (an image with none stays as it is: robust).</summary>
    public int InitialTries { get; init; } = 10000;

    /// <summary>γ, which sets the binary search's precision θ = γ / d^{3/2} (L2) or γ / d² (L∞) for d pixels.</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>This record after checking every value.</summary>
    public HopSkipJumpAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.OneOf(Norm, nameof(Norm), PerturbationNorm.Linf, PerturbationNorm.L2);
        OptionChecks.AtLeast(Iterations, 0, nameof(Iterations));
        OptionChecks.AtLeast(InitialEvaluations, 1, nameof(InitialEvaluations));
        OptionChecks.AtLeast(MaxEvaluations, InitialEvaluations, nameof(MaxEvaluations), "the initial evaluations");
        OptionChecks.AtLeast(InitialTries, 1, nameof(InitialTries));
        OptionChecks.Positive(Gamma, nameof(Gamma));
        return this;
    }
}
