namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// Adversarial training: every batch is replaced by its L∞ adversarial version (the network in eval mode while it is
/// made) before the optimizer step; after each epoch the clean and PGD accuracy on the first test images are measured.
/// </summary>
public sealed record AdversarialTrainingOptions
{
    /// <summary>PGD (default) or FGSM with a random start.</summary>
    public AdversarialTrainingMethod Method { get; init; } = AdversarialTrainingMethod.Pgd;

    /// <summary>The L∞ budget ε in [0, 1] pixels.</summary>
    public double Epsilon { get; init; } = 0.3;

    /// <summary>PGD steps per batch (FGSM-RS takes one).</summary>
    public int Steps { get; init; } = 40;

    /// <summary>Step size; null means 2.5ε / steps for PGD, 1.25ε for FGSM-RS (the papers').</summary>
    public double? StepSize { get; init; }

    /// <summary>
    /// Epochs over which the training budget rises linearly, step by step, from 0 to <see cref="Epsilon"/> (0: the full
    /// budget from the first step). At ε 0.3 on MNIST, PGD training from the first step leaves a small network at chance.
    /// </summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Test images the per-epoch clean and PGD accuracy are measured on.</summary>
    public int EvaluationImages { get; init; } = 1000;

    /// <summary>Steps of the per-epoch PGD evaluation (step 2.5ε / steps, random start).</summary>
    public int EvaluationSteps { get; init; } = 20;

    /// <summary>The step size in effect.</summary>
    public double EffectiveStepSize => StepSize ?? (Method == AdversarialTrainingMethod.Pgd ? 2.5 * Epsilon / Steps : 1.25 * Epsilon);

    /// <summary>Throws for any option out of range, naming it.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Method))
            throw new ArgumentOutOfRangeException(nameof(Method), Method, "Expected Pgd or FgsmRandomStart.");
        if (!(Epsilon > 0 && Epsilon <= 1))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon must be in (0, 1].");
        if (Steps < 1)
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Take at least one step.");
        if (!(EffectiveStepSize > 0) || double.IsInfinity(EffectiveStepSize))
            throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, "The step size must be positive.");
        if (WarmupEpochs < 0)
            throw new ArgumentOutOfRangeException(nameof(WarmupEpochs), WarmupEpochs, "Warm-up epochs cannot be negative.");
        if (EvaluationImages < 1)
            throw new ArgumentOutOfRangeException(nameof(EvaluationImages), EvaluationImages, "Evaluate on at least one image.");
        if (EvaluationSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(EvaluationSteps), EvaluationSteps, "Evaluate with at least one step.");
    }
}
