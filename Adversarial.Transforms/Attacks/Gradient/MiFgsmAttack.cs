using MlNetAdversarial.Transforms.Torch;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Momentum Iterative FGSM.
/// Paper: Dong, Liao, Pang, Su, Zhu, Hu and Li, "Boosting Adversarial Attacks with Momentum", CVPR 2018.
/// Norm: L∞. Defaults: <see cref="MiFgsmAttackOptions"/> (ε 0.3, 10 steps of ε/10, μ = 1). Input range: [0, 1].
/// gₖ₊₁ = μ·gₖ + ∇/‖∇‖₁ (per image); xₖ₊₁ = clip_ε(xₖ ± α·sign(gₖ₊₁)).
/// </summary>
public sealed class MiFgsmAttack(MiFgsmAttackOptions options, AttackSettings? settings = null) : Attack<MiFgsmAttackOptions>(Descriptor, options.Validated(), settings)
{
    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<MiFgsmAttack, MiFgsmAttackOptions>("mifgsm",
        "MI-FGSM (Dong et al., 2018), L∞", PerturbationNorm.Linf, isWhiteBox: true, (o, s) => new MiFgsmAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["steps"] = Invariant($"{Options.Steps}");
        parameters["decay"] = Invariant($"{Options.Decay:0.###}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        double epsilon = Options.Epsilon, alpha = Options.StepSize, decay = Options.Decay;
        var momentum = zeros_like(batch.Images);
        var adversarial = GradientSteps.Iterate(batch, batch.Images, Options.Steps, Settings.EarlyStop, (x, gradient) =>
        {
            var l1 = gradient.abs().flatten(1).sum(1).reshape(-1, 1, 1, 1).Plus(Scalars.Of(1e-12));
            var updated = (Scalars.Of(decay) * momentum).Plus(gradient / l1).detach();
            // The momentum outlives this step's dispose scope.
            momentum.Dispose();
            momentum = updated.MoveToOuterDisposeScope();
            return AttackMath.ProjectLinf(x.Plus(Scalars.Of(alpha) * momentum.sign()), batch.Images, epsilon);
        });
        return new AttackResult(adversarial.MoveToOuterDisposeScope());
    }
}
