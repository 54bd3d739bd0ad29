using MlNetAdversarial.Transforms.Torch;
using MlNetAdversarial.Transforms.Models;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Fast Gradient Sign Method.
/// Paper: Goodfellow, Shlens and Szegedy, "Explaining and Harnessing Adversarial Examples", ICLR 2015.
/// Norm: L∞. Defaults: <see cref="FgsmAttackOptions"/>. Input range: [0, 1].
/// Untargeted x' = clip(x + ε·sign(∇ₓ NLL(y))); targeted x' = clip(x − ε·sign(∇ₓ NLL(t))).
/// </summary>
/// <remarks>
/// The loss is summed over the batch, so each image's gradient is exactly the one a batch of one would
/// give (as in the PyTorch tutorial). The gradient sign does not depend on ε, so a sweep computes it
/// once per image (<see cref="Prepare"/>) and derives every ε from it.
/// </remarks>
public sealed class FgsmAttack(FgsmAttackOptions options, AttackSettings? settings = null) : Attack<FgsmAttackOptions>(Descriptor, options.Validated(), settings), ISweepableAttack
{
    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<FgsmAttack, FgsmAttackOptions>("fgsm",
        "FGSM (Goodfellow et al., 2015), L∞, x' = clip(x + ε·sign(∇ₓ loss), 0, 1)", PerturbationNorm.Linf, isWhiteBox: true, (o, s) => new FgsmAttack(o, s));


    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var sign = Direction(batch).Sign;
        return new AttackResult(Perturb(batch.Images, sign, Options.Epsilon).MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public PreparedSweep Prepare(AttackBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (sign, clean) = Direction(batch);
        return new PreparedSweep(epsilon => Perturb(batch.Images, sign, epsilon), clean);
    }

    /// <summary>clamp(x + ε·sign, 0, 1): the FGSM step for one ε (targeted attacks pass the negated sign).</summary>
    public static Tensor Perturb(Tensor images, Tensor gradientSign, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(gradientSign);
        OptionChecks.NonNegative(epsilon, nameof(epsilon));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return images.add(gradientSign, alpha: Scalars.Of(epsilon)).clamp_(Scalars.Zero, Scalars.One).MoveToOuterDisposeScope();
    }

    // The objective's gradient already carries the sign of targeting (it descends the target's loss),
    // and its forward pass gives the clean log-probabilities a sweep scores ε = 0 with.
    private static (Tensor Sign, Tensor CleanLogProbabilities) Direction(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        var (gradient, logProbabilities) = AttackMath.ObjectiveGradientAndLogProbabilities(batch.Classifier, batch.Images, batch.Labels, batch.Targets);
        return (gradient.sign().MoveToOuterDisposeScope(), logProbabilities.MoveToOuterDisposeScope());
    }
}
