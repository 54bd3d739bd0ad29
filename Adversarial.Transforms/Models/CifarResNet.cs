using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// A compact ResNet for CIFAR-10 in the shape of Page's DAWNBench "ResNet-9" (prep conv; three stages
/// of conv-BN-ReLU + max-pool, the first and last with a two-conv residual block; global max-pool;
/// linear head scaled by 1/8), at a width that trains on a 2-core CPU.
/// Input: [N, 3, 32, 32] already normalized per channel (see <see cref="Mean"/>, <see cref="Std"/>);
/// output: logits [N, 10].
/// </summary>
public sealed class CifarResNet : Module<Tensor, Tensor>
{
    /// <summary>The image shape the network takes.</summary>
    public static readonly ImageShape InputShape = new(3, 32, 32);

    /// <summary>The CIFAR-10 class names in label order (as in batches.meta.txt).</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Per-channel mean of the CIFAR-10 training images (R, G, B).</summary>
    public static readonly float[] Mean = [0.4914f, 0.4822f, 0.4465f];

    /// <summary>Per-channel standard deviation of the CIFAR-10 training images (R, G, B).</summary>
    public static readonly float[] Std = [0.2470f, 0.2435f, 0.2616f];

    /// <summary>The registry entry: logits out, CIFAR-10 normalization inside the wrapper, the shipped weights.</summary>
    public static ArchitectureDescriptor Descriptor { get; } = new("cifar-resnet", "CifarResNet (CIFAR-10)", () => new CifarResNet(), InputShape,
        ClassNames, ClassifierOutput.Logits, Mean, Std, ShippedWeights: [new TrainedWeights("cifar10", "cifar10-resnet.bin", ClassNames), new TrainedWeights("mnist", "mnist-cifar-resnet.bin", LeNet.ClassNames),
            new TrainedWeights("cifar10", RobustCifarWeights, ClassNames, "FGSM with a random start, ε 8/255, 8 epochs")], CpuBatchSize: 32);

    /// <summary>The file of the shipped, adversarially trained CIFAR-10 weights (extract them with <see cref="ShippedModels.Extract"/>).</summary>
    public const string RobustCifarWeights = "cifar10-resnet-fgsm-rs.bin";

    /// <summary>Default base width (channels of the prep layer).</summary>
    public const int DefaultWidth = 16;

    private const double HeadScale = 0.125;

    private readonly Sequential prep;
    private readonly Sequential layer1;
    private readonly Sequential res1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential res3;
    private readonly Linear fc;

    /// <summary>Creates the network with freshly initialised weights (seeded by torch.manual_seed).</summary>
    public CifarResNet(int width = DefaultWidth, int classes = 10) : base(nameof(CifarResNet))
    {
        prep = ConvBn(3, width);
        layer1 = Sequential(("conv", ConvBn(width, 2 * width)), ("pool", new MaxPool2x2()));
        res1 = Sequential(("a", ConvBn(2 * width, 2 * width)), ("b", ConvBn(2 * width, 2 * width)));
        layer2 = Sequential(("conv", ConvBn(2 * width, 4 * width)), ("pool", new MaxPool2x2()));
        layer3 = Sequential(("conv", ConvBn(4 * width, 8 * width)), ("pool", new MaxPool2x2()));
        res3 = Sequential(("a", ConvBn(8 * width, 8 * width)), ("b", ConvBn(8 * width, 8 * width)));
        fc = Linear(8 * width, classes, hasBias: false);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = prep.call(input);
        x = layer1.call(x);
        x = x.Plus(res1.call(x));
        x = layer2.call(x);
        x = layer3.call(x);
        x = x.Plus(res3.call(x));
        x = functional.adaptive_max_pool2d(x, [1, 1]).flatten(1);
        return (fc.call(x) * Scalars.Of(HeadScale)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var module in new Module[] { prep, layer1, res1, layer2, layer3, res3, fc })
                module.Dispose();
        }
        base.Dispose(disposing);
    }

    private static Sequential ConvBn(int input, int output) => Sequential(
        ("conv", Conv2d(input, output, kernel_size: 3, padding: 1, bias: false)),
        ("bn", new ScalarSafeBatchNorm2d(output)),
        ("relu", ReLU()));
}
