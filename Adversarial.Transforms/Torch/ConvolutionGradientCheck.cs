using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// Measures whether float32 convolutions, forward and backward to the input, agree with the same
/// convolutions in float64: a few small shapes, milliseconds in all.
/// </summary>
/// <remarks>
/// libtorch 2.10's oneDNN 3.7.1 gets the input gradient of 5×5 convolutions with an output channel count
/// that is not a multiple of 16 wrong on AMD Zen 5 (EPYC family 26) with AVX-512: relative errors of 0.4
/// to 1, a fifth of the signs flipped, now and then NaN, changing from call to call with what the padded
/// channels of its scratch memory hold. LeNet's 1→10 and 10→20 layers are such convolutions; FGSM then
/// follows noise. float64 never goes through oneDNN, so it is the reference.
/// </remarks>
internal static class ConvolutionGradientCheck
{
    /// <summary>Largest relative error in float64 units that float32 rounding explains many times over.</summary>
    public const double Tolerance = 1e-4;

    private static readonly (int InChannels, int OutChannels, int Kernel, int Size)[] Shapes =
    [
        (1, 10, 5, 12),   // LeNet's first layer, shrunk
        (10, 20, 5, 12),  // LeNet's second
        (3, 10, 3, 8),
        (16, 16, 3, 8),
    ];

    /// <summary>The largest relative error over the shapes, forward or input gradient (NaN counts as infinite).</summary>
    public static double LargestRelativeError()
    {
        double largest = 0;
        for (int shape = 0; shape < Shapes.Length; shape++)
        {
            // Twice: what the wrong kernel reads depends on the allocations before it.
            for (int repeat = 0; repeat < 2; repeat++)
                largest = Math.Max(largest, RelativeError(Shapes[shape], seed: 17UL * (ulong)shape + (ulong)repeat));
        }
        return largest;
    }

    private static double RelativeError((int InChannels, int OutChannels, int Kernel, int Size) shape, ulong seed)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad(); // the gradients below come from autograd.grad, not from module state
        var generator = new Generator(seed);
        int outSize = shape.Size - shape.Kernel + 1;
        var input = rand([2, shape.InChannels, shape.Size, shape.Size], generator: generator);
        var weight = randn([shape.OutChannels, shape.InChannels, shape.Kernel, shape.Kernel], generator: generator);
        var upstream = randn([2, shape.OutChannels, outSize, outSize], generator: generator);
        var (output32, gradient32) = ForwardAndBackward(input, weight, upstream);
        var (output64, gradient64) = ForwardAndBackward(input.to(float64), weight.to(float64), upstream.to(float64));
        return Math.Max(Relative(output32, output64), Relative(gradient32, gradient64));
    }

    private static (Tensor Output, Tensor Gradient) ForwardAndBackward(Tensor input, Tensor weight, Tensor upstream)
    {
        using var enabled = enable_grad();
        var leaf = input.detach().requires_grad_(true);
        var output = nn.functional.conv2d(leaf, weight);
        var gradient = autograd.grad([output], [leaf], [upstream])[0];
        return (output.detach(), gradient);
    }

    private static double Relative(Tensor single, Tensor reference)
    {
        double error = (single.to(float64) - reference).abs().max().item<double>();
        double scale = reference.abs().max().item<double>();
        return double.IsNaN(error) ? double.PositiveInfinity : error / Math.Max(scale, double.Epsilon);
    }
}
