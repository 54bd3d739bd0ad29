using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// The loop of the iterative gradient attacks (BIM, PGD, MI-FGSM): gradient of the objective, an
/// update that includes the projection, and, with early stop, images that are already fooled frozen.
/// Only the current iterate is kept alive between steps.
/// </summary>
internal static class GradientSteps
{
    public static Tensor Iterate(AttackBatch batch, Tensor start, int steps, bool earlyStop, Func<Tensor, Tensor, Tensor> update)
    {
        var x = start.clone();
        for (int step = 0; step < steps; step++)
        {
            Tensor next;
            using (var scope = NewDisposeScope())
            {
                var gradient = AttackMath.ObjectiveGradient(batch.Classifier, x, batch.Labels, batch.Targets);
                next = update(x, gradient);
                if (earlyStop)
                {
                    var fooled = AttackMath.IsFooled(batch.Classifier, x, batch.Labels, batch.Targets);
                    if (fooled.all().item<bool>())
                        break;
                    next = where(fooled.reshape(-1, 1, 1, 1), x, next);
                }
                next = next.detach().MoveToOuterDisposeScope();
            }
            x.Dispose();
            x = next;
        }
        return x;
    }

    /// <summary>A uniform start in the L∞ ball, or a random direction of random length in the L2 ball, per image.</summary>
    public static Tensor RandomStart(AttackBatch batch, PerturbationNorm norm, double epsilon, int seed, int restart)
    {
        using var scope = NewDisposeScope();
        var shape = batch.Images.shape;
        int size = (int)(shape[1] * shape[2] * shape[3]);
        var noise = new float[batch.RowIndices.Length * size];
        for (int i = 0; i < batch.RowIndices.Length; i++)
        {
            var random = PerImageRandom.For(seed, batch.RowIndices[i], stream: 100 + restart);
            var image = noise.AsSpan(i * size, size);
            if (norm == PerturbationNorm.Linf)
            {
                for (int p = 0; p < size; p++)
                    image[p] = (float)((2 * random.NextDouble() - 1) * epsilon);
                continue;
            }
            double squares = 0;
            for (int p = 0; p < size; p++)
            {
                image[p] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
                squares += image[p] * image[p];
            }
            double scale = epsilon * random.NextDouble() / Math.Sqrt(squares + 1e-12);
            for (int p = 0; p < size; p++)
                image[p] = (float)(image[p] * scale);
        }
        var delta = tensor(noise, shape, device: batch.Images.device);
        var start = norm == PerturbationNorm.Linf
            ? AttackMath.ProjectLinf(batch.Images.Plus(delta), batch.Images, epsilon)
            : AttackMath.ProjectL2(batch.Images.Plus(delta), batch.Images, epsilon);
        return start.MoveToOuterDisposeScope();
    }
}
