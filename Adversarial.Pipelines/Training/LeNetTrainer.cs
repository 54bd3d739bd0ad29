using System.Diagnostics;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// Trains the tutorial's LeNet on MNIST with Adam. Deterministic for a seed and a torch thread count:
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
    public static TrainingReport Train(MnistDataView train, MnistDataView test, TrainingOptions options, string weightsPath,
        IProgress<(int Epoch, int Done)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.EnsureInitialized();
        var clock = Stopwatch.StartNew();
        var trainSet = MnistArrays.Load(train, options.TrainLimit);
        var testSet = MnistArrays.Load(test);

        torch.manual_seed(options.Seed);
        var shuffle = new Random(options.Seed);
        using var network = new LeNet();
        using var optimizer = optim.Adam(network.parameters(), options.LearningRate);
        var losses = new List<double>();
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
                var (images, labels) = ToTensors(trainSet, batch);
                optimizer.zero_grad();
                var loss = nn.functional.nll_loss(network.call(images), labels);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.Length;
                progress?.Report((epoch, start + batch.Length));
            }
            losses.Add(lossSum / order.Length);
        }

        double accuracy = Accuracy(network, testSet);
        string temp = weightsPath + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!);
        network.save(temp);
        File.Move(temp, weightsPath, overwrite: true);
        return new TrainingReport(weightsPath, TorchImageClassifier.Sha256Of(weightsPath), accuracy, losses, clock.Elapsed.TotalSeconds);
    }

    private static double Accuracy(LeNet network, MnistArrays set)
    {
        network.eval();
        using var inference = inference_mode();
        long correct = 0;
        const int batchSize = 1000;
        for (int start = 0; start < set.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int[] batch = Enumerable.Range(start, Math.Min(batchSize, set.Count - start)).ToArray();
            var (images, labels) = ToTensors(set, batch);
            correct += network.call(images).argmax(1).eq(labels).sum().item<long>();
        }
        return (double)correct / set.Count;
    }

    private static (Tensor Images, Tensor Labels) ToTensors(MnistArrays set, int[] indices)
    {
        var pixels = new float[indices.Length * MnistArrays.ImageSize];
        var labels = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            var source = set.Pixels.AsSpan(indices[i] * MnistArrays.ImageSize, MnistArrays.ImageSize);
            var target = pixels.AsSpan(i * MnistArrays.ImageSize, MnistArrays.ImageSize);
            for (int p = 0; p < source.Length; p++)
                target[p] = source[p] / 255f;
            labels[i] = set.Labels[indices[i]];
        }
        return (tensor(pixels, [indices.Length, 1, MnistDataView.Side, MnistDataView.Side]), tensor(labels));
    }
}
