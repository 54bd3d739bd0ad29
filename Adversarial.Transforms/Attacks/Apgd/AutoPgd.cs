using MlNetAdversarial.Transforms.Torch;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// One run of Auto-PGD (Croce and Hein, "Reliable evaluation of adversarial robustness with an ensemble of diverse
/// parameter-free attacks", ICML 2020, Algorithm 1), as in the authors' code (fra31/auto-attack): step size 2ε, momentum
/// 0.75 (none on the first step), checkpoints after 22% of the steps and then every 3% fewer (down to 6%), where an
/// image's step size halves and it restarts from its best point if fewer than ρ of the steps since the last checkpoint
/// raised its loss, or if its step size was not halved last time and its best loss has not risen since.
/// </summary>
/// <remarks>
/// Each image's schedule is its own, so a batch gives every image what it would get alone. With early stop, an image
/// leaves the run when first misclassified (its outcome is final); without, it runs every step and keeps its last
/// misclassified iterate, as the authors' code does.
/// </remarks>
internal static class AutoPgd
{
    /// <summary>The adversarial images (the clean image where none was found) and whether each was found.</summary>
    /// <param name="classifier">The model.</param>
    /// <param name="clean">Clean images [N, C, H, W] in [0, 1].</param>
    /// <param name="start">The starting points (inside the ball).</param>
    /// <param name="norm">L∞ or L2.</param>
    /// <param name="epsilon">The budget.</param>
    /// <param name="steps">Iterations.</param>
    /// <param name="rho">The share of loss-raising steps below which a checkpoint halves the step size.</param>
    /// <param name="earlyStop">Drop an image from the run once it is misclassified.</param>
    /// <param name="loss">Per-image loss to ascend, from log-probabilities and the row indices into <paramref name="clean"/>.</param>
    /// <param name="fooled">Per-image success, from log-probabilities and row indices.</param>
    /// <param name="eotDraws">Forward-backward passes whose gradients are averaged each step (EOT, for randomized models); the loss is the last pass's.</param>
    public static (Tensor Adversarial, Tensor Fooled) Run(TorchImageClassifier classifier, Tensor clean, Tensor start, PerturbationNorm norm,
        double epsilon, int steps, double rho, bool earlyStop, Func<Tensor, Tensor, Tensor> loss, Func<Tensor, Tensor, Tensor> fooled, int eotDraws = 1)
    {
        using var scope = NewDisposeScope();
        int n = (int)clean.shape[0];
        var checkpoints = Checkpoints(steps).ToDictionary(c => c.Iteration, c => c.Length);
        var result = clean.clone();
        var found = zeros(n, dtype: ScalarType.Bool, device: clean.device);
        var rows = Scalars.Indices(n, clean.device);
        var state = ApgdState.Begin(classifier, clean, start, rows, 2 * epsilon, steps, loss, fooled, result, found, eotDraws);
        try
        {
            for (int i = 0; i < steps; i++)
            {
                if (earlyStop)
                {
                    var keep = found.index_select(0, state.Rows).logical_not().nonzero().squeeze(1);
                    if (keep.shape[0] == 0)
                        break;
                    if (keep.shape[0] < state.Rows.shape[0])
                        state = state.Advance(state.Select(keep));
                }
                using var iteration = NewDisposeScope();
                var s = state;
                var momentum = i > 0 ? 0.75 : 1.0;
                var direction = norm == PerturbationNorm.Linf ? s.Grad.sign() : s.Grad / AttackMath.L2Norms(s.Grad).Plus(Scalars.Of(1e-12)).reshape(-1, 1, 1, 1);
                var z = Project(s.X.Plus(s.StepSize.reshape(-1, 1, 1, 1) * direction), s.Clean, norm, epsilon);
                var x = Project(s.X.Plus(Scalars.Of(momentum) * (z - s.X)).Plus(Scalars.Of(1 - momentum) * (s.X - s.XOld)), s.Clean, norm, epsilon);
                var (grad, logProbabilities, current) = LossAndGradient(classifier, x, s.Rows, loss, eotDraws);
                Record(result, found, s.Rows, x, fooled(logProbabilities, s.Rows));
                s.History[i] = current;
                var improved = current.gt(s.LossBest);
                var improvedImages = improved.reshape(-1, 1, 1, 1);
                var next = s with
                {
                    X = x, XOld = s.X, Grad = grad,
                    XBest = where(improvedImages, x, s.XBest), GradBest = where(improvedImages, grad, s.GradBest), LossBest = where(improved, current, s.LossBest),
                };
                if (checkpoints.TryGetValue(i, out int checkpoint))
                {
                    var oscillating = RaisedSteps(s.History, i, checkpoint).le(Scalars.Of(checkpoint * rho));
                    var stalled = s.ReducedLastCheck.logical_not().logical_and(s.LossBestLastCheck.ge(next.LossBest));
                    var halve = oscillating.logical_or(stalled);
                    var back = halve.reshape(-1, 1, 1, 1);
                    next = next with
                    {
                        ReducedLastCheck = halve, LossBestLastCheck = next.LossBest, StepSize = where(halve, s.StepSize / Scalars.Of(2.0), s.StepSize),
                        X = where(back, next.XBest, next.X), Grad = where(back, next.GradBest, next.Grad),
                    };
                }
                state = state.Advance(next);
            }
        }
        finally
        {
            state.Dispose();
        }
        return (result.MoveToOuterDisposeScope(), found.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The iterations (0-based) after which the step size is reconsidered, with the steps since the previous one: the
    /// authors' counter reaching k, which starts at max(⌊0.22·steps⌋, 1) and shrinks by max(⌊0.03·steps⌋, 1) to at least
    /// max(⌊0.06·steps⌋, 1) (autopgd_base.py's n_iter_2, size_decr, n_iter_min).
    /// </summary>
    internal static IEnumerable<(int Iteration, int Length)> Checkpoints(int steps)
    {
        int length = Math.Max((int)(0.22 * steps), 1), shortest = Math.Max((int)(0.06 * steps), 1), decrease = Math.Max((int)(0.03 * steps), 1);
        for (int iteration = length - 1; iteration < steps; iteration += length)
        {
            yield return (iteration, length);
            length = Math.Max(length - decrease, shortest);
        }
    }

    /// <summary>
    /// The authors' random start, per image from its own generator: L∞, x + ε·t / ‖t‖∞ with t uniform in [−1, 1]; L2,
    /// x + ε·t / ‖t‖₂ with t standard normal; then clipped into [0, 1].
    /// </summary>
    public static Tensor RandomStart(Tensor clean, long[] rowIndices, PerturbationNorm norm, double epsilon, int seed, int stream)
    {
        using var scope = NewDisposeScope();
        int size = (int)(clean.shape[1] * clean.shape[2] * clean.shape[3]);
        var noise = new float[rowIndices.Length * size];
        for (int i = 0; i < rowIndices.Length; i++)
        {
            var random = PerImageRandom.For(seed, rowIndices[i], stream);
            var image = noise.AsSpan(i * size, size);
            double scale = 0;
            for (int p = 0; p < size; p++)
            {
                double value = norm == PerturbationNorm.Linf
                    ? 2 * random.NextDouble() - 1
                    : Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                image[p] = (float)value;
                scale = norm == PerturbationNorm.Linf ? Math.Max(scale, Math.Abs(value)) : scale + value * value;
            }
            scale = epsilon / ((norm == PerturbationNorm.Linf ? scale : Math.Sqrt(scale)) + 1e-12);
            for (int p = 0; p < size; p++)
                image[p] = (float)(image[p] * scale);
        }
        return clean.Plus(tensor(noise, clean.shape, device: clean.device)).clamp(Scalars.Zero, Scalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>Writes the misclassified iterates into the result and marks them found (both in place).</summary>
    internal static void Record(Tensor result, Tensor found, Tensor rows, Tensor images, Tensor fooledNow)
    {
        using var scope = NewDisposeScope();
        result.index_put_(where(fooledNow.reshape(-1, 1, 1, 1), images, result.index_select(0, rows)), rows);
        found.index_put_(found.index_select(0, rows).logical_or(fooledNow), rows);
    }

    /// <summary>How many of the last <paramref name="count"/> steps up to <paramref name="step"/> raised the loss (before step 0: 0, as the authors' code reads it).</summary>
    private static Tensor RaisedSteps(Tensor history, int step, int count)
    {
        using var scope = NewDisposeScope();
        var raised = zeros(history.shape[1], dtype: history.dtype, device: history.device);
        for (int back = 0; back < count; back++)
        {
            int j = step - back;
            var previous = j > 0 ? history[j - 1] : zeros_like(history[0]);
            raised = raised.Plus(history[j].gt(previous).to(history.dtype));
        }
        return raised.MoveToOuterDisposeScope();
    }

    private static Tensor Project(Tensor point, Tensor clean, PerturbationNorm norm, double epsilon) =>
        norm == PerturbationNorm.Linf ? AttackMath.ProjectLinf(point, clean, epsilon) : AttackMath.ProjectL2(point, clean, epsilon);

    /// <summary>
    /// The gradient averaged over <paramref name="draws"/> passes (expectation over transformation), with the last pass's
    /// log-probabilities and per-image loss: the authors' code averages only the gradient, and the last draw's loss steers
    /// the best point and the step-size checkpoints.
    /// </summary>
    internal static (Tensor Gradient, Tensor LogProbabilities, Tensor Loss) LossAndGradient(TorchImageClassifier classifier, Tensor images, Tensor rows,
        Func<Tensor, Tensor, Tensor> loss, int draws = 1)
    {
        using var scope = NewDisposeScope();
        using var gradients = enable_grad();
        Tensor? gradientSum = null, lastLoss = null, logProbabilities = null;
        for (int draw = 0; draw < draws; draw++)
        {
            var input = images.detach().requires_grad_(true);
            logProbabilities = classifier.LogProbabilities(input);
            var perImage = loss(logProbabilities, rows);
            var gradient = autograd.grad([perImage.sum()], [input])[0];
            gradientSum = gradientSum is null ? gradient : gradientSum.Plus(gradient);
            lastLoss = perImage.detach();
        }
        return ((gradientSum! / Scalars.Of(draws)).MoveToOuterDisposeScope(), logProbabilities!.detach().MoveToOuterDisposeScope(),
            lastLoss!.MoveToOuterDisposeScope());
    }
}
