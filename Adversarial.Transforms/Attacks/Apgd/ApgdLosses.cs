using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// The per-image losses of APGD on log-probabilities. Log-probabilities are logits shifted per image (by logsumexp), so
/// the DLR losses, which take differences of logits only, are the paper's exactly; cross-entropy is −log p_y. Each takes
/// log-probabilities [N, classes] and labels [N] and gives one loss per image, to be ascended.
/// </summary>
public static class ApgdLosses
{
    private const double Tiny = 1e-12;

    /// <summary>Cross-entropy per image: −log p_y, or log p_t (ascending it moves toward the target) when targeted.</summary>
    public static Tensor CrossEntropy(Tensor logProbabilities, Tensor labels, Tensor? targets)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        // Re-centred, for the exact gradient (see AttackMath.ObjectiveGradient).
        var centred = nn.functional.log_softmax(logProbabilities, dim: 1);
        var loss = targets is null
            ? -centred.gather(1, labels.unsqueeze(1)).squeeze(1)
            : centred.gather(1, targets.unsqueeze(1)).squeeze(1);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>DLR: −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3 + 1e-12), z sorted descending as π.</summary>
    public static Tensor Dlr(Tensor logProbabilities, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var sorted = logProbabilities.sort(dim: 1, descending: true).Values;
        var own = logProbabilities.gather(1, labels.unsqueeze(1)).squeeze(1);
        var topIsOwn = logProbabilities.argmax(1).eq(labels);
        var bestOther = where(topIsOwn, sorted[.., 1], sorted[.., 0]);
        return (-(own - bestOther) / (sorted[.., 0] - sorted[.., 2]).Plus(Scalars.Of(Tiny))).MoveToOuterDisposeScope();
    }

    /// <summary>Targeted DLR: −(z_y − z_t) / (z_π1 − (z_π3 + z_π4) / 2 + 1e-12).</summary>
    public static Tensor TargetedDlr(Tensor logProbabilities, Tensor labels, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();
        var sorted = logProbabilities.sort(dim: 1, descending: true).Values;
        var own = logProbabilities.gather(1, labels.unsqueeze(1)).squeeze(1);
        var target = logProbabilities.gather(1, targets.unsqueeze(1)).squeeze(1);
        return (-(own - target) / (sorted[.., 0] - Scalars.Of(0.5) * sorted[.., 2].Plus(sorted[.., 3])).Plus(Scalars.Of(Tiny))).MoveToOuterDisposeScope();
    }
}
