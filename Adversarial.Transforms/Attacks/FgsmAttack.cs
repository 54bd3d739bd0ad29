using MlNetAdversarial.Transforms.Models;
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
/// once (<see cref="GradientSign"/>) and calls <see cref="Perturb"/> per ε.
/// </remarks>
public sealed class FgsmAttack(FgsmAttackOptions options, AttackSettings? settings = null) : IAttack
{
    /// <inheritdoc />
    public string Name => "fgsm";

    /// <inheritdoc />
    public string Norm => "Linf";

    /// <inheritdoc />
    public double? Budget => Options.Epsilon;

    /// <inheritdoc />
    public bool IsWhiteBox => true;

    /// <summary>The attack's options.</summary>
    public FgsmAttackOptions Options { get; } = options.Validated();

    /// <inheritdoc />
    public AttackSettings Settings { get; } = settings ?? AttackSettings.Default;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string> { ["epsilon"] = $"{Options.Epsilon:0.####}" };

    /// <inheritdoc />
    public AttackResult Run(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        var sign = AttackMath.ObjectiveGradient(batch.Classifier, batch.Images, batch.Labels, batch.Targets).sign();
        return new AttackResult(Perturb(batch.Images, sign, Options.Epsilon).MoveToOuterDisposeScope());
    }

    /// <summary>sign(∇ₓ NLL) for images [N, C, H, W] and class indices [N] (int64).</summary>
    public static Tensor GradientSign(TorchImageClassifier classifier, Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        using var scope = NewDisposeScope();
        return AttackMath.ObjectiveGradient(classifier, images, labels, targets: null).sign().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The gradient sign of the untargeted loss and the clean log-probabilities from the same forward
    /// pass (an FGSM sweep needs both).
    /// </summary>
    public static (Tensor Sign, Tensor LogProbabilities) GradientSignAndLogProbabilities(TorchImageClassifier classifier, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (gradient, logProbabilities) = AttackMath.ObjectiveGradientAndLogProbabilities(classifier, images, labels, targets: null);
        return (gradient.sign().MoveToOuterDisposeScope(), logProbabilities.MoveToOuterDisposeScope());
    }

    /// <summary>clamp(x + ε·sign, min, max): the FGSM step for one ε.</summary>
    public static Tensor Perturb(Tensor images, Tensor gradientSign, double epsilon, double clipMin = 0, double clipMax = 1)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(gradientSign);
        ValidateEpsilon(epsilon);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return images.add(gradientSign, alpha: epsilon).clamp_(clipMin, clipMax).MoveToOuterDisposeScope();
    }

    /// <summary>The untargeted FGSM adversarial batch for one ε.</summary>
    public static Tensor Attack(TorchImageClassifier classifier, Tensor images, Tensor labels, double epsilon,
        double clipMin = 0, double clipMax = 1)
    {
        ValidateEpsilon(epsilon);
        using var scope = NewDisposeScope();
        var sign = GradientSign(classifier, images, labels);
        return Perturb(images, sign, epsilon, clipMin, clipMax).MoveToOuterDisposeScope();
    }

    /// <summary>Throws unless ε is finite and non-negative.</summary>
    public static void ValidateEpsilon(double epsilon)
    {
        if (!double.IsFinite(epsilon) || epsilon < 0)
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "FGSM epsilon must be finite and >= 0.");
    }
}
