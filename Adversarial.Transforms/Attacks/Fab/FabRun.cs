using MlNetAdversarial.Transforms.Torch;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>One targeted run of FAB (see <see cref="FabAttack"/>) on a set of images, each image independent of the others.</summary>
internal static class FabRun
{
    private const double TinyNorm = 1e-8;

    /// <summary>The smallest misclassified iterate within ε per image (else the clean image) and whether one was found.</summary>
    public static (Tensor Adversarial, Tensor Fooled) Targeted(TorchImageClassifier classifier, Tensor clean, Tensor start, Tensor labels,
        Tensor targets, FabAttackOptions options, bool earlyStop)
    {
        using var scope = NewDisposeScope();
        int n = (int)clean.shape[0];
        var best = clean.clone();
        var bestNorm = full(n, Scalars.Of(double.PositiveInfinity), dtype: clean.dtype, device: clean.device);
        var iterate = start.clone();
        var active = Scalars.Indices(n, clean.device);
        for (int step = 0; step < options.Steps && active.shape[0] > 0; step++)
        {
            using var stepScope = NewDisposeScope();
            var x = iterate.index_select(0, active);
            var x0 = clean.index_select(0, active);
            var (difference, gradient) = DifferenceAndGradient(classifier, x, labels.index_select(0, active), targets.index_select(0, active));
            var w = gradient.flatten(1);
            var b = (w * x.flatten(1)).sum(1) - difference;
            var fromIterate = FabProjection.Solve(x.flatten(1), w, b, options.Norm).view_as(x);
            var fromClean = FabProjection.Solve(x0.flatten(1), w, b, options.Norm).view_as(x);
            var a1 = Norms(fromIterate, options.Norm).clamp_min(Scalars.Of(TinyNorm));
            var a2 = Norms(fromClean, options.Norm).clamp_min(Scalars.Of(TinyNorm));
            var alpha = (a1 / a1.Plus(a2)).clamp(Scalars.Zero, Scalars.Of(options.AlphaMax)).reshape(-1, 1, 1, 1);
            var eta = Scalars.Of(options.Eta);
            var next = (x.Plus(eta * fromIterate) * (-alpha).Plus(Scalars.One)).Plus(x0.Plus(eta * fromClean) * alpha).clamp(Scalars.Zero, Scalars.One);
            Tensor fooled;
            using (inference_mode())
                fooled = classifier.LogProbabilities(next).argmax(1).ne(labels.index_select(0, active));
            var distance = Norms(next - x0, options.Norm);
            var improved = fooled.logical_and(distance.lt(bestNorm.index_select(0, active)));
            best.index_put_(where(improved.reshape(-1, 1, 1, 1), next, best.index_select(0, active)), active);
            bestNorm.index_put_(where(improved, distance, bestNorm.index_select(0, active)), active);
            next = where(fooled.reshape(-1, 1, 1, 1), x0.Plus((next - x0) * Scalars.Of(options.Beta)), next);
            iterate.index_put_(next, active);
            var keep = earlyStop ? bestNorm.index_select(0, active).gt(Scalars.Of(options.Epsilon)) : ones_like(fooled);
            active = active.masked_select(keep).MoveToOuterDisposeScope();
        }
        var within = bestNorm.le(Scalars.Of(options.Epsilon));
        return (where(within.reshape(-1, 1, 1, 1), best, clean).MoveToOuterDisposeScope(), within.MoveToOuterDisposeScope());
    }

    /// <summary>z_t − z_y per image and its gradient with respect to the image (log-probabilities differ from logits by a per-image constant).</summary>
    private static (Tensor Difference, Tensor Gradient) DifferenceAndGradient(TorchImageClassifier classifier, Tensor images, Tensor labels, Tensor targets)
    {
        using var scope = NewDisposeScope();
        using var gradients = enable_grad();
        var input = images.detach().requires_grad_(true);
        var scores = classifier.LogProbabilities(input);
        var difference = scores.gather(1, targets.unsqueeze(1)).squeeze(1) - scores.gather(1, labels.unsqueeze(1)).squeeze(1);
        var gradient = autograd.grad([difference.sum()], [input])[0];
        return (difference.detach().MoveToOuterDisposeScope(), gradient.MoveToOuterDisposeScope());
    }

    private static Tensor Norms(Tensor batch, PerturbationNorm norm) =>
        norm == PerturbationNorm.Linf ? batch.flatten(1).abs().max(1).values : AttackMath.L2Norms(batch);
}
