using System.Diagnostics;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using TorchSharp;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// The start and the end every trainer shares: the data in memory and the seeds set (torch's generator
/// for weights and dropout, a System.Random for shuffling and augmentation); then the weights saved
/// atomically, reloaded the way users load them, and measured on the test set.
/// </summary>
internal sealed class TrainingRun
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private TrainingRun(ImageArrays train, ImageArrays test, Random random) => (Train, Test, Random) = (train, test, random);

    public ImageArrays Train { get; }

    public ImageArrays Test { get; }

    public Random Random { get; }

    public static TrainingRun Begin(ByteImageDataView train, ByteImageDataView test, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.EnsureInitialized();
        var run = new TrainingRun(ImageArrays.Load(train, options.TrainLimit), ImageArrays.Load(test), new Random(options.Seed));
        torch.manual_seed(options.Seed);
        return run;
    }

    public TrainingReport Finish(torch.nn.Module network, string weightsPath, Func<string, TorchImageClassifier> load, IReadOnlyList<double> losses)
    {
        WeightsFile.Save(network, weightsPath);
        using var trained = load(weightsPath);
        double accuracy = TrainingBatches.Accuracy(trained, Test);
        return new TrainingReport(weightsPath, trained.WeightsSha256, accuracy, losses, _clock.Elapsed.TotalSeconds);
    }
}
