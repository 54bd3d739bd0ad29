using MlNetAdversarial.Transforms.Torch;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// DeepFool, the minimal L2 perturbation under a local linear model.
/// Paper: Moosavi-Dezfooli, Fawzi and Frossard, "DeepFool: a simple and accurate method to fool deep
/// neural networks", CVPR 2016. Norm: L2, minimal (no budget). Defaults: <see cref="DeepFoolAttackOptions"/>
/// (50 steps, overshoot 0.02). Input range: [0, 1]. Untargeted only.
/// Each step linearizes every class boundary f_k − f_y and moves across the nearest one.
/// </summary>
public sealed class DeepFoolAttack(DeepFoolAttackOptions options, AttackSettings? settings = null) : Attack<DeepFoolAttackOptions>(Descriptor, options.Validated(), RequireUntargeted(settings ?? AttackSettings.Default))
{
    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<DeepFoolAttack, DeepFoolAttackOptions>("deepfool",
        "DeepFool (Moosavi-Dezfooli et al., 2016), minimal L2", PerturbationNorm.L2, isWhiteBox: true, (o, s) => new DeepFoolAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["steps"] = Invariant($"{Options.Steps}");
        parameters["overshoot"] = Invariant($"{Options.Overshoot:0.###}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        var clean = batch.Images;
        var total = zeros_like(clean);
        var adversarial = clean.clone();
        var active = ones(clean.shape[0], dtype: ScalarType.Bool, device: clean.device);
        long classes = batch.Classifier.ClassCount;
        for (int step = 0; step < Options.Steps && active.any().item<bool>(); step++)
        {
            using var stepScope = NewDisposeScope();
            using var gradients = enable_grad();
            var input = adversarial.detach().requires_grad_(true);
            // Log-probabilities differ from logits by one shared term, so boundaries f_k − f_y are the same.
            var scores = batch.Classifier.LogProbabilities(input);
            active = active.logical_and(scores.argmax(1).eq(batch.Labels));
            var own = scores.gather(1, batch.Labels.unsqueeze(1)).squeeze(1);
            Tensor? bestStep = null, bestDistance = null;
            for (long k = 0; k < classes; k++)
            {
                // One backward of f_k − f_y, not two subtracted: its upstream gradient sums to zero, so the
                // log_softmax inside a classifier adds no float32 cancellation error (see AttackMath.ObjectiveGradient).
                var w = autograd.grad([(scores[.., k] - own).sum()], [input], retain_graph: k < classes - 1)[0];
                var f = (scores[.., k] - own).detach().abs();
                var wNorm = AttackMath.L2Norms(w).Plus(Scalars.Of(1e-8));
                var gap = f / wNorm;
                var isOwn = batch.Labels.eq(Scalars.OfInteger(k));
                var distance = where(isOwn, full_like(gap, Scalars.Of(double.PositiveInfinity)), gap);
                // The authors' r_i = (|f_k| / ‖w_k‖ + 1e-4) · w_k / ‖w_k‖: the 1e-4 is added to the distance.
                var stepK = (gap.Plus(Scalars.Of(1e-4)) / wNorm).reshape(-1, 1, 1, 1) * w;
                if (bestDistance is null || bestStep is null)
                {
                    (bestDistance, bestStep) = (distance, stepK);
                    continue;
                }
                var closer = distance.lt(bestDistance);
                bestDistance = where(closer, distance, bestDistance);
                bestStep = where(closer.reshape(-1, 1, 1, 1), stepK, bestStep);
            }
            var moved = total.Plus(where(active.reshape(-1, 1, 1, 1), bestStep!, zeros_like(bestStep!)));
            var next = clean.Plus(Scalars.Of(1 + Options.Overshoot) * moved).clamp(Scalars.Zero, Scalars.One);
            total.Dispose();
            adversarial.Dispose();
            total = moved.detach().MoveToOuterDisposeScope();
            adversarial = next.detach().MoveToOuterDisposeScope();
            active = active.detach().MoveToOuterDisposeScope();
        }
        return new AttackResult(adversarial.MoveToOuterDisposeScope());
    }

    private static AttackSettings RequireUntargeted(AttackSettings settings) => settings.Targeting.IsTargeted
        ? throw new ArgumentException("DeepFool is untargeted; use CW or PGD for a targeted attack.", nameof(settings))
        : settings;
}
