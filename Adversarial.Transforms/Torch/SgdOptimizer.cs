using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// Stochastic gradient descent with momentum (optionally Nesterov's) and weight decay, the update of
/// <c>torch.optim.SGD</c> without dampening, safe from TorchSharp's temporary scalars (see <see cref="IParameterOptimizer"/>).
/// </summary>
public sealed class SgdOptimizer : IParameterOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly Tensor?[] _momentumBuffers;
    private readonly double _momentum;
    private readonly bool _nesterov;
    private readonly double _weightDecay;

    /// <summary>SGD over <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, momentum or weight decay outside its range.</exception>
    /// <exception cref="ArgumentException">Nesterov momentum without momentum.</exception>
    public SgdOptimizer(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, bool nesterov = false,
        double weightDecay = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        OptimizerArguments.RequireRate(learningRate, nameof(learningRate));
        OptimizerArguments.RequireFraction(momentum, nameof(momentum));
        OptimizerArguments.RequireRate(weightDecay, nameof(weightDecay));
        if (nesterov && momentum == 0)
            throw new ArgumentException("Nesterov momentum needs a momentum above 0.", nameof(nesterov));
        _parameters = [.. parameters];
        _momentumBuffers = new Tensor?[_parameters.Length];
        (LearningRate, _momentum, _nesterov, _weightDecay) = (learningRate, momentum, nesterov, weightDecay);
    }

    /// <inheritdoc/>
    public double LearningRate { get; set; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public void ZeroGrad() => OptimizerArguments.ZeroGradients(_parameters);

    /// <inheritdoc/>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using Scalar momentum = _momentum.ToScalar(), weightDecay = _weightDecay.ToScalar();
        using Scalar descent = (-LearningRate).ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var gradient = parameter.grad;
            if (gradient is null)
                continue;
            if (_weightDecay != 0)
                gradient = gradient.add(parameter, weightDecay);
            if (_momentum != 0)
            {
                if (_momentumBuffers[i] is { } buffer)
                    buffer.mul_(momentum).add_(gradient, Scalars.One);
                else
                    _momentumBuffers[i] = buffer = gradient.clone().detach().DetachFromDisposeScope();
                gradient = _nesterov ? gradient.add(buffer, momentum) : buffer;
            }
            parameter.add_(gradient, descent);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var buffer in _momentumBuffers)
            buffer?.Dispose();
    }
}
