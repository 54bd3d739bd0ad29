using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// The trainer and recipe of each architecture of <see cref="ArchitectureRegistry"/>, on any built-in dataset (through the
/// <see cref="InputAdapter"/> when the dataset's images are not the network's shape). Adding an architecture's trainer is
/// its file plus one line here.
/// </summary>
public static class NetworkTrainers
{
    /// <summary>The recipe <c>train</c> uses for <paramref name="architecture"/> on <paramref name="dataset"/> unless told.</summary>
    /// <exception cref="ArgumentException">No trainer exists for the architecture.</exception>
    public static TrainingOptions Recipe(ArchitectureDescriptor architecture, DatasetDescriptor dataset)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(dataset);
        return architecture.Name switch
        {
            "lenet" => TrainingOptions.Mnist,
            "small-cnn" => TrainingOptions.SmallCnnOnMnist,
            "cifar-resnet" => dataset == DatasetRegistry.Cifar10 ? TrainingOptions.Cifar10 : TrainingOptions.CifarResNetOnMnist,
            _ => throw Unknown(architecture),
        };
    }

    /// <summary>Trains <paramref name="architecture"/> on a training split, writes the weights atomically, measures the test split.</summary>
    /// <param name="architecture">The network to train.</param>
    /// <param name="train">Training split (any shape the input adapter converts to the network's).</param>
    /// <param name="test">Test split, of the same shape.</param>
    /// <param name="options">The recipe (see <see cref="Recipe"/>).</param>
    /// <param name="weightsPath">Where the weights go.</param>
    /// <param name="progress">Receives (epoch, images done in the epoch).</param>
    /// <param name="epochs">Receives each epoch's summary as it ends (with adversarial training, its clean and PGD accuracy).</param>
    public static TrainingReport Train(ArchitectureDescriptor architecture, ByteImageDataView train, ByteImageDataView test, TrainingOptions options,
        string weightsPath, IProgress<(int Epoch, int Done)>? progress = null, IProgress<EpochSummary>? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return architecture.Name switch
        {
            "lenet" or "small-cnn" => AdamTrainer.Train(architecture, train, test, options, weightsPath, progress, epochs),
            "cifar-resnet" => CifarTrainer.Train(train, test, options, weightsPath, progress, epochs),
            _ => throw Unknown(architecture),
        };
    }

    private static ArgumentException Unknown(ArchitectureDescriptor architecture) => new(
        $"No trainer for '{architecture.Name}'; the trainers are for lenet, small-cnn and cifar-resnet.", nameof(architecture));
}
