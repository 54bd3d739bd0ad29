using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Torch;
using MlNetAdversarial.Transforms.Attacks;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// The attacks of adversarial training, on the network being trained (not a <see cref="MlNetAdversarial.Transforms.Models.TorchImageClassifier"/>,
/// which would freeze its parameters): uniform random start in the L∞ ball, sign steps, projection. Randomness comes
/// from torch's generator, seeded by the run.
/// </summary>
internal static class TrainingAttacks
{
    /// <summary>Adversarial versions of <paramref name="images"/> in [0, 1] (detached).</summary>
    /// <param name="logProbabilities">The network's log-probabilities (or logits) of images in [0, 1].</param>
    /// <param name="images">Clean images in [0, 1].</param>
    /// <param name="labels">Their classes.</param>
    /// <param name="epsilon">The L∞ budget.</param>
    /// <param name="steps">Sign steps after the random start.</param>
    /// <param name="stepSize">The size of each step.</param>
    public static Tensor Perturb(Func<Tensor, Tensor> logProbabilities, Tensor images, Tensor labels, double epsilon, int steps, double stepSize)
    {
        using var scope = NewDisposeScope();
        var x = images.Plus((rand_like(images) * Scalars.Of(2.0) - Scalars.One) * Scalars.Of(epsilon)).clamp(Scalars.Zero, Scalars.One);
        for (int step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            Tensor gradient;
            using (enable_grad())
            {
                var input = x.detach().requires_grad_(true);
                var centred = nn.functional.log_softmax(logProbabilities(input), dim: 1);
                gradient = autograd.grad([nn.functional.nll_loss(centred, labels, reduction: nn.Reduction.Sum)], [input])[0];
            }
            x = AttackMath.ProjectLinf(x.Plus(Scalars.Of(stepSize) * gradient.sign()), images, epsilon).detach().MoveToOuterDisposeScope();
        }
        return x.detach().MoveToOuterDisposeScope();
    }

    /// <summary>The batch a training step sees: <paramref name="images"/> attacked as <paramref name="options"/> says.</summary>
    /// <param name="logProbabilities">The network's scores of images in [0, 1].</param>
    /// <param name="images">Clean images in [0, 1].</param>
    /// <param name="labels">Their classes.</param>
    /// <param name="options">The adversarial training settings.</param>
    /// <param name="budgetShare">The share of the budget (and step size) in effect, below 1 during the warm-up.</param>
    public static Tensor ForTraining(Func<Tensor, Tensor> logProbabilities, Tensor images, Tensor labels, AdversarialTrainingOptions options,
        double budgetShare = 1) =>
        Perturb(logProbabilities, images, labels, options.Epsilon * budgetShare,
            options.Method == AdversarialTrainingMethod.Pgd ? options.Steps : 1, options.EffectiveStepSize * budgetShare);

    /// <summary>Clean and PGD accuracy of the network on the first <see cref="AdversarialTrainingOptions.EvaluationImages"/> test images.</summary>
    public static (double Clean, double Robust) Evaluate(Func<Tensor, Tensor> logProbabilities, ImageArrays test, AdversarialTrainingOptions options)
    {
        int count = Math.Min(options.EvaluationImages, test.Count);
        long clean = 0, robust = 0;
        const int batchSize = 250;
        int[] all = Enumerable.Range(0, count).ToArray();
        for (int start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var (images, labels) = test.ToTensors(all.AsSpan(start, Math.Min(batchSize, count - start)));
            var attacked = Perturb(logProbabilities, images, labels, options.Epsilon, options.EvaluationSteps,
                2.5 * options.Epsilon / options.EvaluationSteps);
            using var inference = no_grad();
            clean += logProbabilities(images).argmax(1).eq(labels).sum().item<long>();
            robust += logProbabilities(attacked).argmax(1).eq(labels).sum().item<long>();
        }
        return ((double)clean / count, (double)robust / count);
    }
}
