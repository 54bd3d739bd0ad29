using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// 2×2 max pooling with stride 2 that gives exactly <c>max_pool2d(x, 2)</c>, faster when no gradient
/// is recorded.
/// </summary>
/// <remarks>
/// libtorch's CPU <c>max_pool2d</c> also computes the argmax indices its backward needs and is the
/// slowest layer of LeNet (about 55% of a batch-256 forward pass, 9 ms of 17). Without autograd the
/// same maxima come from two element-wise <c>maximum</c>s over strided views, about 18× faster. Both
/// pick one of the four inputs, so the values are bitwise equal. With autograd on, the libtorch
/// kernel is kept: its backward sends a tied maximum's gradient to one input where <c>maximum</c>
/// would split it, and FGSM's gradient signs must not change.
/// </remarks>
public sealed class MaxPool2x2 : Module<Tensor, Tensor>
{
    /// <summary>Creates the pooling layer (no parameters, so state_dict keys are unchanged).</summary>
    public MaxPool2x2() : base(nameof(MaxPool2x2))
    {
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Apply(input);

    /// <summary>Pools an [N, C, H, W] tensor with even H and W (odd edges are dropped, as max_pool2d does).</summary>
    public static Tensor Apply(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (is_grad_enabled() || input.dim() != 4)
        {
            return functional.max_pool2d(input, 2);
        }
        using var scope = NewDisposeScope();
        long n = input.shape[0], channels = input.shape[1], height = input.shape[2] / 2 * 2, width = input.shape[3] / 2 * 2;
        var even = input.shape[2] == height && input.shape[3] == width
            ? input
            : input.narrow(2, 0, height).narrow(3, 0, width);
        // Rows first: each maximum then reads two contiguous runs, which vectorizes.
        var rows = even.reshape(n, channels, height / 2, 2, width);
        var rowMax = maximum(rows.select(3, 0), rows.select(3, 1));
        var columns = rowMax.view(n, channels, height / 2, width / 2, 2);
        return maximum(columns.select(4, 0), columns.select(4, 1)).MoveToOuterDisposeScope();
    }
}
