using TorchSharp.Modules;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// A gradient-descent optimizer over a network's parameters whose numbers stay alive through every native call
/// (<see cref="AdamOptimizer"/>, <see cref="SgdOptimizer"/>).
/// </summary>
/// <remarks>
/// TorchSharp 0.107's own optimizers (<c>torch.optim.Adam</c>, <c>SGD</c>) pass temporary <see cref="TorchSharp.Scalar"/>s
/// (β, 1 − β, the step size) to libtorch; a garbage collection during the call can let their finalizers free them while
/// libtorch reads them, which ends the process with "Unknown scalar type" (see <see cref="Scalars"/>). These optimizers
/// compute the same update, in the same order, with each scalar disposed only after its call.
/// </remarks>
public interface IParameterOptimizer : IDisposable
{
    /// <summary>The step size of the next <see cref="Step"/> (changed by learning-rate schedules).</summary>
    double LearningRate { get; set; }

    /// <summary>The parameters it updates.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    void ZeroGrad();

    /// <summary>One update from the parameters' current gradients (parameters without a gradient are left alone).</summary>
    void Step();
}
