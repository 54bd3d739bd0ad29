using MlNetAdversarial.Transforms.Torch;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// Trains a small network without normalization or augmentation (the tutorial's LeNet, the small CNN of Wong et al.) with
/// Adam, on MNIST or (through the <see cref="InputAdapter"/>) any built-in dataset: a constant learning rate, or the
/// triangular schedule of Wong et al. Deterministic for a seed and a torch thread count: torch's generator seeds the
/// weights and dropout, System.Random the shuffling.
/// </summary>
public static class AdamTrainer
{
    /// <summary>The share of the steps over which the triangular schedule rises (Wong et al.: 2/5 of the epochs).</summary>
    private const double TriangularPeakAt = 0.4;

    /// <summary>Trains, evaluates on the test set, and writes the weights atomically.</summary>
    /// <param name="architecture">The network (its output kind picks the loss: NLL of log-probabilities, else cross-entropy).</param>
    /// <param name="train">Training split.</param>
    /// <param name="test">Test split.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="weightsPath">Where the weights go (written to a temporary file, then renamed).</param>
    /// <param name="progress">Receives (epoch, images done in the epoch).</param>
    /// <param name="epochs">Receives each epoch's summary as it ends.</param>
    public static TrainingReport Train(ArchitectureDescriptor architecture, ByteImageDataView train, ByteImageDataView test, TrainingOptions options,
        string weightsPath, IProgress<(int Epoch, int Done)>? progress = null, IProgress<EpochSummary>? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Augment)
            throw new ArgumentException($"{architecture.DisplayName}'s recipe has no augmentation; leave Augment false.", nameof(options));
        if (architecture.Mean is not null || architecture.Std is not null)
            throw new ArgumentException($"{architecture.DisplayName} normalizes its input; the Adam trainer is for networks that take [0, 1] pixels.",
                nameof(architecture));
        var run = TrainingRun.Begin(architecture, train, test, options, epochs);
        var (trainSet, shuffle) = (run.Train, run.Random);
        using var network = architecture.Create();
        using var optimizer = new AdamOptimizer(network.parameters(), options.LearningRate);
        Tensor Forward(Tensor images) => network.call(run.NetworkInput(images));
        Tensor Loss(Tensor scores, Tensor labels) => architecture.Output == ClassifierOutput.LogProbabilities
            ? nn.functional.nll_loss(scores, labels)
            : nn.functional.cross_entropy(scores, labels);
        int[] order = Enumerable.Range(0, trainSet.Count).ToArray();
        int stepsPerEpoch = (order.Length + options.BatchSize - 1) / options.BatchSize;
        int step = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            network.train();
            shuffle.Shuffle(order);
            double lossSum = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize, step++)
            {
                using var scope = NewDisposeScope();
                int[] batch = order[start..Math.Min(order.Length, start + options.BatchSize)];
                var (images, labels) = trainSet.ToTensors(batch);
                images = run.StepImages(network, Forward, images, labels);
                double? rate = options.TriangularLearningRate ? Triangular(step, stepsPerEpoch * options.Epochs, options.LearningRate) : null;
                lossSum += TrainingRun.Step(optimizer, rate, () => Loss(Forward(images), labels)) * batch.Length;
                progress?.Report((epoch, start + batch.Length));
            }
            run.EndEpoch(network, Forward, epoch, lossSum / order.Length);
        }

        return run.Finish(network, weightsPath);
    }

    private static double Triangular(int step, int totalSteps, double peak)
    {
        double top = TriangularPeakAt * totalSteps;
        return step < top ? peak * step / top : peak * Math.Max(0, totalSteps - step) / (totalSteps - top);
    }
}
