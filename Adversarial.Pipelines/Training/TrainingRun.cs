using System.Diagnostics;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using TorchSharp;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// The start and the end every trainer shares: the data in memory, the input adapter from its shape to the
/// network's, and the seeds set (torch's generator for weights and dropout, a System.Random for shuffling and
/// augmentation); then the weights saved atomically, reloaded the way users load them, and measured on the test set.
/// </summary>
internal sealed class TrainingRun
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ArchitectureDescriptor _architecture;
    private readonly IReadOnlyList<string> _classNames;
    private readonly AdversarialTrainingOptions? _adversarial;
    private readonly IProgress<EpochSummary>? _epochs;
    private readonly List<EpochSummary> _summaries = [];
    private readonly int _warmupSteps;
    private int _steps;

    private TrainingRun(ArchitectureDescriptor architecture, ImageArrays train, ImageArrays test, IReadOnlyList<string> classNames, Random random,
        TrainingOptions options, IProgress<EpochSummary>? epochs)
    {
        (_architecture, Train, Test, _classNames, Random, _adversarial, _epochs) = (architecture, train, test, classNames, random, options.Adversarial, epochs);
        _warmupSteps = (options.Adversarial?.WarmupEpochs ?? 0) * ((train.Count + options.BatchSize - 1) / options.BatchSize);
        Adapter = InputAdapter.Between(train.Shape, architecture.InputShape);
    }

    public ImageArrays Train { get; }

    public ImageArrays Test { get; }

    public Random Random { get; }

    /// <summary>The data's images as the network's input, or null when they are its shape.</summary>
    public InputAdapter? Adapter { get; }

    public static TrainingRun Begin(ArchitectureDescriptor architecture, ByteImageDataView train, ByteImageDataView test, TrainingOptions options,
        IProgress<EpochSummary>? epochs)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (train.Shape != test.Shape)
            throw new ArgumentException($"The training images are {train.Shape} and the test images {test.Shape}; give two splits of one dataset.", nameof(test));
        if (train.ClassNames.Count != architecture.ClassNames.Count)
            throw new ArgumentException($"{architecture.DisplayName} has {architecture.ClassNames.Count} outputs; the data has {train.ClassNames.Count} classes.", nameof(train));
        TorchRuntime.EnsureInitialized();
        var run = new TrainingRun(architecture, ImageArrays.Load(train, options.TrainLimit), ImageArrays.Load(test), train.ClassNames, new Random(options.Seed),
            options, epochs);
        torch.manual_seed(options.Seed);
        return run;
    }

    /// <summary>The network's input for a batch of the data's images in [0, 1].</summary>
    public torch.Tensor NetworkInput(torch.Tensor images) => Adapter is null ? images : Adapter.Apply(images);

    /// <summary>
    /// The images a training step sees: with adversarial training, their attacked versions, made with the network in eval
    /// mode (dropout off, batch statistics frozen) and its parameters untouched; else the images themselves.
    /// </summary>
    /// <param name="network">The network being trained (back in training mode afterwards).</param>
    /// <param name="forward">Its scores for images in [0, 1] (adapter and normalization included).</param>
    /// <param name="images">The batch in [0, 1].</param>
    /// <param name="labels">Its classes.</param>
    public torch.Tensor StepImages(torch.nn.Module network, Func<torch.Tensor, torch.Tensor> forward, torch.Tensor images, torch.Tensor labels)
    {
        if (_adversarial is null)
            return images;
        network.eval();
        double share = _warmupSteps == 0 ? 1 : Math.Min(1, (double)++_steps / _warmupSteps);
        var attacked = TrainingAttacks.ForTraining(forward, images, labels, _adversarial, share);
        network.train();
        return attacked;
    }

    /// <summary>One optimizer step on <paramref name="loss"/> (computed after the gradients are cleared), at <paramref name="learningRate"/> when given; returns the loss.</summary>
    public static double Step(IParameterOptimizer optimizer, double? learningRate, Func<torch.Tensor> loss)
    {
        if (learningRate is { } rate)
            optimizer.LearningRate = rate;
        optimizer.ZeroGrad();
        var value = loss();
        value.backward();
        optimizer.Step();
        return value.item<float>();
    }

    /// <summary>Records an epoch: its loss and, with adversarial training, the clean and PGD accuracy after it; reports it.</summary>
    public void EndEpoch(torch.nn.Module network, Func<torch.Tensor, torch.Tensor> forward, int epoch, double loss)
    {
        double? clean = null, robust = null;
        if (_adversarial is not null)
        {
            network.eval();
            (clean, robust) = TrainingAttacks.Evaluate(forward, Test, _adversarial);
        }
        var summary = new EpochSummary(epoch, loss, clean, robust);
        _summaries.Add(summary);
        _epochs?.Report(summary);
    }

    public TrainingReport Finish(torch.nn.Module network, string weightsPath)
    {
        WeightsFile.Save(network, weightsPath);
        using var trained = _architecture.LoadFor(null, Train.Shape, _classNames, weightsPath);
        double accuracy = TrainingBatches.Accuracy(trained, Test);
        return new TrainingReport(weightsPath, trained.WeightsSha256, accuracy, _summaries.Select(s => s.Loss).ToArray(), _clock.Elapsed.TotalSeconds,
            _summaries.ToArray());
    }
}
