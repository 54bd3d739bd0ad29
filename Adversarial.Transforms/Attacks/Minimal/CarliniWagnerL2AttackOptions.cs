namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options of <see cref="CarliniWagnerL2Attack"/> (smaller than the paper's 9 × 10,000 to suit a CPU).</summary>
public sealed record CarliniWagnerL2AttackOptions : AttackOptions
{
    /// <summary>Binary-search rounds over the constant c.</summary>
    public int BinarySearchSteps { get; init; } = 5;

    /// <summary>Adam iterations per round.</summary>
    [NoOpAt(0)]
    public int Steps { get; init; } = 100;

    /// <summary>Adam learning rate in tanh space (0.1: the paper's 0.01 needs its 10,000 steps).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The first c of every image.</summary>
    public double InitialConstant { get; init; } = 1.0;

    /// <summary>Confidence κ: the margin the attack asks for.</summary>
    public double Confidence { get; init; }

    /// <summary>This record after checking every value.</summary>
    public CarliniWagnerL2AttackOptions Validated()
    {
        OptionChecks.AtLeast(BinarySearchSteps, 1, nameof(BinarySearchSteps));
        OptionChecks.AtLeast(Steps, 0, nameof(Steps));
        OptionChecks.NonNegative(LearningRate, nameof(LearningRate));
        OptionChecks.NonNegative(InitialConstant, nameof(InitialConstant));
        OptionChecks.NonNegative(Confidence, nameof(Confidence));
        return this;
    }
}
