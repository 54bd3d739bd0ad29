using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// The small MNIST CNN of Wong, Rice and Kolter, "Fast is better than free" (ICLR 2020), layer for layer: conv 16 4×4
/// stride 2, conv 32 4×4 stride 2 (padding 1 each), a 100-unit hidden layer, 10 logits. Small enough to train
/// adversarially on a CPU; the shipped MNIST weights are adversarially trained (PGD-10 at ε 0.3 after a 3-epoch ε warm-up).
/// Parameter names conv1, conv2, fc1, fc2. Input: [N, 1, 28, 28] in [0, 1]; output: logits [N, 10].
/// </summary>
public sealed class SmallCnn : Module<Tensor, Tensor>
{
    /// <summary>The file of the shipped, adversarially trained MNIST weights.</summary>
    public const string RobustMnistWeights = "mnist-small-cnn-pgd.bin";

    /// <summary>The registry entry: logits out, no normalization, the shipped robust MNIST weights.</summary>
    public static ArchitectureDescriptor Descriptor { get; } = new("small-cnn", "SmallCnn (MNIST, adversarially trained)", () => new SmallCnn(),
        LeNet.InputShape, LeNet.ClassNames, ClassifierOutput.Logits, Mean: null, Std: null,
        ShippedWeights: [new TrainedWeights("mnist", RobustMnistWeights, LeNet.ClassNames, "PGD-10, ε 0.3, 3-epoch ε warm-up, 10 epochs")],
        CpuBatchSize: 128);

    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>Creates the network with freshly initialised weights (seeded by torch.manual_seed).</summary>
    public SmallCnn() : base(nameof(SmallCnn))
    {
        conv1 = Conv2d(1, 16, kernel_size: 4, stride: 2, padding: 1);
        conv2 = Conv2d(16, 32, kernel_size: 4, stride: 2, padding: 1);
        fc1 = Linear(32 * 7 * 7, 100);
        fc2 = Linear(100, 10);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.relu(conv1.call(input));
        x = functional.relu(conv2.call(x));
        x = functional.relu(fc1.call(x.flatten(1)));
        return fc2.call(x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            conv2.Dispose();
            fc1.Dispose();
            fc2.Dispose();
        }
        base.Dispose(disposing);
    }
}
