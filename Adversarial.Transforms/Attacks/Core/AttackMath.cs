using MlNetAdversarial.Transforms.Torch;
using System.Runtime.InteropServices;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Pieces the attacks share: the objective, its gradient, projections and success tests.</summary>
public static class AttackMath
{
    private const double NotThisClass = 1e9;

    /// <summary>
    /// Gradient of the objective an attack ascends: NLL of the true class (untargeted) or minus NLL of
    /// the target (targeted), summed over the batch so each image's gradient is its own.
    /// </summary>
    /// <remarks>
    /// The loss is taken on re-centred log-probabilities, log p − logsumexp(log p): the same values
    /// (logsumexp of log-probabilities is 0), but its backward projects the incoming gradient onto
    /// zero-sum vectors. Without it, the true class's component of ∂loss/∂logits is p_y − 1, which float32
    /// rounds to a multiple of 6e-8: for a confident image that is as large as the exact value, so the
    /// gradient direction, and FGSM's signs, depend on the last bit of the forward pass. Measured with
    /// PyTorch 1.13 on LeNet and MNIST (tools/pytorch_parity.py): the tutorial's float32 FGSM gives
    /// 6624 / 4263 / 2483 / 1437 correct at ε = 0.15 … 0.3, float64 gives 6626 / 4230 / 2349 / 1169,
    /// and float32 with the re-centred loss gives the float64 counts, as this method does.
    /// </remarks>
    public static Tensor ObjectiveGradient(TorchImageClassifier classifier, Tensor images, Tensor labels, Tensor? targets)
    {
        using var scope = NewDisposeScope();
        return ObjectiveGradientAndLogProbabilities(classifier, images, labels, targets).Gradient.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <see cref="ObjectiveGradient"/> together with the log-probabilities of the forward pass it took
    /// (detached), for callers that would otherwise score the same images again.
    /// </summary>
    public static (Tensor Gradient, Tensor LogProbabilities) ObjectiveGradientAndLogProbabilities(
        TorchImageClassifier classifier, Tensor images, Tensor labels, Tensor? targets)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        using var scope = NewDisposeScope();
        using var gradients = enable_grad();
        var input = images.detach().requires_grad_(true);
        var logProbabilities = classifier.LogProbabilities(input);
        var centred = nn.functional.log_softmax(logProbabilities, dim: 1);
        var loss = targets is null
            ? nn.functional.nll_loss(centred, labels, reduction: nn.Reduction.Sum)
            : -nn.functional.nll_loss(centred, targets, reduction: nn.Reduction.Sum);
        var gradient = autograd.grad([loss], [input])[0];
        return (gradient.MoveToOuterDisposeScope(), logProbabilities.detach().MoveToOuterDisposeScope());
    }

    /// <summary>Clip into the L∞ ball of radius ε around the clean images, then into [0, 1].</summary>
    public static Tensor ProjectLinf(Tensor adversarial, Tensor clean, double epsilon)
    {
        using var scope = NewDisposeScope();
        var radius = Scalars.Of(epsilon);
        return minimum(maximum(adversarial, clean - radius), clean.Plus(radius)).clamp(Scalars.Zero, Scalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>Scale the perturbation into the L2 ball of radius ε, then clip into [0, 1].</summary>
    public static Tensor ProjectL2(Tensor adversarial, Tensor clean, double epsilon)
    {
        using var scope = NewDisposeScope();
        var delta = adversarial - clean;
        var factor = (Scalars.Of(epsilon) / L2Norms(delta).Plus(Scalars.Of(1e-12))).clamp(max: Scalars.One).reshape(-1, 1, 1, 1);
        return clean.Plus(delta * factor).clamp(Scalars.Zero, Scalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>Per-image L2 norms [N] of a batch.</summary>
    public static Tensor L2Norms(Tensor batch)
    {
        using var scope = NewDisposeScope();
        return batch.flatten(1).Squared().sum(1).sqrt().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Margin per image: true-class score minus best other (untargeted), or best non-target minus target
    /// (targeted). Below zero means fooled; lower is a stronger adversarial example.
    /// </summary>
    public static Tensor Margin(Tensor scores, Tensor labels, Tensor? targets)
    {
        using var scope = NewDisposeScope();
        var reference = targets ?? labels;
        var oneHot = nn.functional.one_hot(reference, scores.shape[1]).to(scores.dtype);
        var own = scores.gather(1, reference.unsqueeze(1)).squeeze(1);
        var bestOther = (scores - oneHot * Scalars.Of(NotThisClass)).max(1).values;
        return (targets is null ? own - bestOther : bestOther - own).MoveToOuterDisposeScope();
    }

    /// <summary>Whether each image is fooled: wrong class (untargeted) or the target class (targeted).</summary>
    public static Tensor IsFooled(TorchImageClassifier classifier, Tensor images, Tensor labels, Tensor? targets)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var predicted = classifier.LogProbabilities(images).argmax(1);
        return (targets is null ? predicted.ne(labels) : predicted.eq(targets)).MoveToOuterDisposeScope();
    }

    /// <summary>Copies an int64 tensor out in bulk.</summary>
    public static long[] ToLongs(Tensor tensor)
    {
        using var dense = tensor.cpu().contiguous();
        return MemoryMarshal.Cast<byte, long>(dense.bytes).ToArray();
    }
}
