using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// Trains <see cref="CifarResNet"/> with SGD and a one-cycle learning rate: on CIFAR-10 with the
/// <see cref="TrainingOptions.Cifar10"/> recipe, on MNIST (through the <see cref="InputAdapter"/>) with
/// <see cref="TrainingOptions.CifarResNetOnMnist"/>. Deterministic for a seed and a torch thread count.
/// </summary>
public static class CifarTrainer
{
    private const double WeightDecay = 5e-4;
    private const double Momentum = 0.9;
    private const double LabelSmoothing = 0.1;
    private const double WarmupFraction = 0.25;

    /// <summary>Trains, writes the weights atomically, and measures clean test accuracy.</summary>
    public static TrainingReport Train(ByteImageDataView train, ByteImageDataView test, TrainingOptions options, string weightsPath,
        IProgress<(int Epoch, int Done)>? progress = null, IProgress<EpochSummary>? epochs = null)
    {
        var run = TrainingRun.Begin(CifarResNet.Descriptor, train, test, options, epochs);
        var (trainSet, random) = (run.Train, run.Random);
        using var network = new CifarResNet();
        using var optimizer = new SgdOptimizer(network.parameters(), options.LearningRate, Momentum, nesterov: true, WeightDecay);
        int[] order = Enumerable.Range(0, trainSet.Count).ToArray();
        int stepsPerEpoch = (order.Length + options.BatchSize - 1) / options.BatchSize;
        int totalSteps = stepsPerEpoch * options.Epochs;
        var buffer = new float[options.BatchSize * trainSet.Shape.Size];
        using var mean = tensor(CifarResNet.Mean, [1, 3, 1, 1]);
        using var std = tensor(CifarResNet.Std, [1, 3, 1, 1]);
        var labels = new long[options.BatchSize];
        Tensor Forward(Tensor images) => network.call((run.NetworkInput(images) - mean) / std);
        int step = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            network.train();
            random.Shuffle(order);
            double lossSum = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize, step++)
            {
                using var scope = NewDisposeScope();
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
                Tensor images, targets;
                if (options.Augment)
                {
                    CifarAugmentation.Apply(trainSet, batch, random, buffer);
                    for (int i = 0; i < batch.Length; i++)
                        labels[i] = trainSet.Labels[batch[i]];
                    images = tensor(buffer.AsSpan(0, batch.Length * trainSet.Shape.Size).ToArray(), trainSet.Shape.BatchShape(batch.Length));
                    targets = tensor(labels.AsSpan(0, batch.Length).ToArray());
                }
                else
                {
                    (images, targets) = trainSet.ToTensors(batch);
                }
                images = run.StepImages(network, Forward, images, targets);
                lossSum += TrainingRun.Step(optimizer, OneCycle(step, totalSteps, options.LearningRate),
                    () => nn.functional.cross_entropy(Forward(images), targets, label_smoothing: LabelSmoothing)) * batch.Length;
                progress?.Report((epoch, start + batch.Length));
            }
            run.EndEpoch(network, Forward, epoch, lossSum / order.Length);
        }

        return run.Finish(network, weightsPath);
    }

    private static double OneCycle(int step, int totalSteps, double peak)
    {
        double warmup = Math.Max(1, WarmupFraction * totalSteps);
        return step < warmup ? peak * (step + 1) / warmup : peak * Math.Max(0, totalSteps - step) / (totalSteps - warmup);
    }
}
