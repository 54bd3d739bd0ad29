using MlNetAdversarial.Transforms.Torch;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Basic Iterative Method (I-FGSM).
/// Paper: Kurakin, Goodfellow and Bengio, "Adversarial examples in the physical world", ICLR 2017 workshop.
/// Norm: L∞. Defaults: <see cref="BimAttackOptions"/> (10 steps of ε/4). Input range: [0, 1].
/// x₀ = x; xₖ₊₁ = clip_ε(xₖ ± α·sign(∇ loss)); with early stop, fooled images stop moving.
/// </summary>
public sealed class BimAttack(BimAttackOptions options, AttackSettings? settings = null) : Attack<BimAttackOptions>(Descriptor, options.Validated(), settings)
{
    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<BimAttack, BimAttackOptions>("bim",
        "BIM / I-FGSM (Kurakin et al., 2017), L∞", PerturbationNorm.Linf, isWhiteBox: true, (o, s) => new BimAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["stepSize"] = Invariant($"{Options.EffectiveStepSize:0.#####}");
        parameters["steps"] = Invariant($"{Options.Steps}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        double epsilon = Options.Epsilon, alpha = Options.EffectiveStepSize;
        var adversarial = GradientSteps.Iterate(batch, batch.Images, Options.Steps, Settings.EarlyStop,
            (x, gradient) => AttackMath.ProjectLinf(x.Plus(Scalars.Of(alpha) * gradient.sign()), batch.Images, epsilon));
        return new AttackResult(adversarial.MoveToOuterDisposeScope());
    }
}
