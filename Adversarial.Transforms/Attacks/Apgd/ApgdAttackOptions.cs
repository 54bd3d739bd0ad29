namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="ApgdAttack"/>; the defaults are AutoAttack's (Croce and Hein, 2020).</summary>
public sealed record ApgdAttackOptions : BoundedAttackOptions, INormChoice
{
    /// <summary>Budget ε in <see cref="Norm"/>.</summary>
    public override double Epsilon { get; init; } = 0.3;

    /// <summary>L∞ (default) or L2.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>Iterations per restart.</summary>
    [NoOpAt(0)]
    public int Steps { get; init; } = 100;

    /// <summary>Random restarts, each on the images still classified correctly.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>The checkpoints' threshold ρ: the step size halves when fewer than ρ of the steps raised the loss.</summary>
    public double Rho { get; init; } = 0.75;

    /// <summary>The loss ascended: cross-entropy (APGD-CE, default) or DLR.</summary>
    public ApgdLoss Loss { get; init; } = ApgdLoss.CrossEntropy;

    /// <summary>
    /// Passes per step whose loss and gradient are averaged (expectation over transformation): 1 for a deterministic model,
    /// 20 in AutoAttack's "rand" version for randomized ones.
    /// </summary>
    public int EotDraws { get; init; } = 1;

    /// <summary>This record after checking every value.</summary>
    public ApgdAttackOptions Validated()
    {
        OptionChecks.NonNegative(Epsilon, nameof(Epsilon));
        OptionChecks.AtLeast(Steps, 0, nameof(Steps));
        OptionChecks.AtLeast(Restarts, 1, nameof(Restarts));
        OptionChecks.AtLeast(EotDraws, 1, nameof(EotDraws));
        OptionChecks.Between(Rho, 0, false, 1, true, nameof(Rho));
        OptionChecks.OneOf(Loss, nameof(Loss), ApgdLoss.CrossEntropy, ApgdLoss.Dlr);
        return this;
    }
}
