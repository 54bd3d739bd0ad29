using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// Trains the tutorial's LeNet with Adam, on MNIST or (through the <see cref="InputAdapter"/>) any built-in dataset. Deterministic for a seed and a torch thread count:
/// torch's generator seeds the weights and dropout, System.Random the shuffling.
/// </summary>
public static class LeNetTrainer
{
    /// <summary>Trains, evaluates on the test set, and writes the weights atomically.</summary>
    /// <param name="train">Training split.</param>
    /// <param name="test">Test split.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="weightsPath">Where the weights go (written to a temporary file, then renamed).</param>
    /// <param name="progress">Receives (epoch, images done in the epoch).</param>
    /// <param name="epochs">Receives each epoch's summary as it ends.</param>
    public static TrainingReport Train(ByteImageDataView train, ByteImageDataView test, TrainingOptions options, string weightsPath,
        IProgress<(int Epoch, int Done)>? progress = null, IProgress<EpochSummary>? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Augment)
            throw new ArgumentException("LeNet's recipe has no augmentation; leave Augment false.", nameof(options));
        var run = TrainingRun.Begin(LeNet.Descriptor, train, test, options, epochs);
        var (trainSet, shuffle) = (run.Train, run.Random);
        using var network = new LeNet();
        using var optimizer = optim.Adam(network.parameters(), options.LearningRate);
        Tensor Forward(Tensor images) => network.call(run.NetworkInput(images));
        int[] order = Enumerable.Range(0, trainSet.Count).ToArray();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            network.train();
            shuffle.Shuffle(order);
            double lossSum = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                int[] batch = order[start..Math.Min(order.Length, start + options.BatchSize)];
                var (images, labels) = TrainingBatches.ToTensors(trainSet, batch);
                images = run.StepImages(network, Forward, images, labels);
                optimizer.zero_grad();
                var loss = nn.functional.nll_loss(Forward(images), labels);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.Length;
                progress?.Report((epoch, start + batch.Length));
            }
            run.EndEpoch(network, Forward, epoch, lossSum / order.Length);
        }

        return run.Finish(network, weightsPath);
    }
}
