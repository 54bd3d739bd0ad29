using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Fast Gradient Sign Method (Goodfellow, Shlens and Szegedy, "Explaining and Harnessing Adversarial
/// Examples", ICLR 2015). Norm: L∞. Untargeted: x' = clamp(x + ε·sign(∇ₓ NLL(f(x), y)), min, max).
/// Input range: [0, 1] pixel space (normalization lives in the classifier).
/// </summary>
/// <remarks>
/// The loss is summed over the batch, not averaged, so each image's gradient is exactly the one a
/// batch of one would give (as in the PyTorch tutorial) whatever the batch size. The gradient sign does
/// not depend on ε, so a sweep computes it once and calls <see cref="Perturb"/> per ε.
/// </remarks>
public static class FgsmAttack
{
    /// <summary>sign(∇ₓ NLL) for images [N, C, H, W] and class indices [N] (int64).</summary>
    public static Tensor GradientSign(TorchImageClassifier classifier, Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        using var gradients = enable_grad();
        var input = images.detach().requires_grad_(true);
        var loss = nn.functional.nll_loss(classifier.LogProbabilities(input), labels, reduction: nn.Reduction.Sum);
        var gradient = autograd.grad([loss], [input])[0];
        return gradient.sign().MoveToOuterDisposeScope();
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

    /// <summary>The FGSM adversarial batch for one ε.</summary>
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
