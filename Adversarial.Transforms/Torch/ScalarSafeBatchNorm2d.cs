using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// TorchSharp's <c>nn.BatchNorm2d</c> (the same parameters, buffers and names, so weights load either way) whose training step
/// counts batches with long-lived scalars: TorchSharp's own <c>num_batches_tracked.add_(1)</c> passes two temporary Scalars
/// (see <see cref="Scalars"/>).
/// </summary>
public sealed class ScalarSafeBatchNorm2d : BatchNorm
{
    /// <summary>PyTorch's defaults: ε 1e-5, momentum 0.1, affine, with running statistics.</summary>
    public ScalarSafeBatchNorm2d(long features) : base(features, 1e-5, 0.1, affine: true, track_running_stats: true, null, null, "BatchNorm2d")
    {
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        double averaging = momentum ?? 0.1;
        if (training && num_batches_tracked is { } tracked)
        {
            tracked.add_(Scalars.OfInteger(1), Scalars.OfInteger(1));
            if (momentum is null or 0)
                averaging = 1.0 / tracked.item<long>();
        }
        bool useBatchStatistics = training || running_mean is null || running_var is null;
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, useBatchStatistics, averaging, eps);
    }

    /// <inheritdoc />
    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.ndim != 4)
            throw new ArgumentException($"BatchNorm2d takes 4-D input [N, C, H, W]; got {input.ndim}-D.");
    }
}
