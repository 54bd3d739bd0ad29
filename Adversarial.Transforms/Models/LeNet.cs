using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// The LeNet of the PyTorch FGSM tutorial, layer for layer, with the same parameter names
/// (conv1, conv2, fc1, fc2) so its weights map onto the PyTorch definition.
/// Input: [N, 1, 28, 28] in [0, 1]; output: log-probabilities [N, 10].
/// </summary>
public sealed class LeNet : Module<Tensor, Tensor>
{
    /// <summary>The image shape LeNet takes.</summary>
    public static readonly ImageShape InputShape = new(1, 28, 28);

    /// <summary>The MNIST class names: the digits "0" … "9".</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The registry entry: log-probabilities out, no normalization, the shipped MNIST weights.</summary>
    public static ArchitectureDescriptor Descriptor { get; } = new("lenet", "LeNet (MNIST)", () => new LeNet(), InputShape, ClassNames,
        ClassifierOutput.LogProbabilities, Mean: null, Std: null, ShippedWeights: [new TrainedWeights("mnist", "lenet-mnist.bin", ClassNames)],
        CpuBatchSize: 128);

    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Dropout2d conv2_drop;
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>Creates LeNet with freshly initialised weights (seeded by torch.manual_seed).</summary>
    public LeNet() : base(nameof(LeNet))
    {
        conv1 = Conv2d(1, 10, kernel_size: 5);
        conv2 = Conv2d(10, 20, kernel_size: 5);
        conv2_drop = Dropout2d();
        fc1 = Linear(320, 50);
        fc2 = Linear(50, 10);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.relu(MaxPool2x2.Apply(conv1.call(input)));
        x = functional.relu(MaxPool2x2.Apply(conv2_drop.call(conv2.call(x))));
        x = x.view(-1, 320);
        x = functional.relu(fc1.call(x));
        x = functional.dropout(x, training: training);
        x = fc2.call(x);
        return functional.log_softmax(x, dim: 1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            conv2.Dispose();
            conv2_drop.Dispose();
            fc1.Dispose();
            fc2.Dispose();
        }
        base.Dispose(disposing);
    }
}
