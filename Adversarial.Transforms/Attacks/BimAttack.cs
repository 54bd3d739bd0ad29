using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Basic Iterative Method (I-FGSM).
/// Paper: Kurakin, Goodfellow and Bengio, "Adversarial examples in the physical world", ICLR 2017 workshop.
/// Norm: L∞. Defaults: <see cref="BimAttackOptions"/> (10 steps of ε/4). Input range: [0, 1].
/// x₀ = x; xₖ₊₁ = clip_ε(xₖ ± α·sign(∇ loss)); with early stop, fooled images stop moving.
/// </summary>
public sealed class BimAttack(BimAttackOptions options, AttackSettings? settings = null) : IAttack
{
    /// <inheritdoc />
    public string Name => "bim";

    /// <inheritdoc />
    public string Norm => "Linf";

    /// <inheritdoc />
    public double? Budget => Options.Epsilon;

    /// <inheritdoc />
    public bool IsWhiteBox => true;

    /// <summary>The attack's options.</summary>
    public BimAttackOptions Options { get; } = options.Validated();

    /// <inheritdoc />
    public AttackSettings Settings { get; } = settings ?? AttackSettings.Default;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["epsilon"] = $"{Options.Epsilon:0.####}", ["stepSize"] = $"{Options.EffectiveStepSize:0.#####}", ["steps"] = $"{Options.Steps}",
    };

    /// <inheritdoc />
    public AttackResult Run(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        double epsilon = Options.Epsilon, alpha = Options.EffectiveStepSize;
        var adversarial = GradientSteps.Iterate(batch, batch.Images, Options.Steps, Settings.EarlyStop,
            (x, gradient) => AttackMath.ProjectLinf(x + alpha * gradient.sign(), batch.Images, epsilon));
        return new AttackResult(adversarial.MoveToOuterDisposeScope());
    }
}
