using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// Adam (Kingma and Ba, 2015), the update of <c>torch.optim.Adam</c> without AMSGrad, safe from TorchSharp's temporary
/// scalars (see <see cref="IParameterOptimizer"/>).
/// </summary>
public sealed class AdamOptimizer : IParameterOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly double _weightDecay;
    private long _steps;

    /// <summary>Adam over <paramref name="parameters"/> with PyTorch's defaults (β 0.9, 0.999; ε 1e-8; no weight decay).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate, β, ε or weight decay outside its range.</exception>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        OptimizerArguments.RequireRate(learningRate, nameof(learningRate));
        OptimizerArguments.RequireFraction(beta1, nameof(beta1));
        OptimizerArguments.RequireFraction(beta2, nameof(beta2));
        OptimizerArguments.RequirePositive(epsilon, nameof(epsilon));
        OptimizerArguments.RequireRate(weightDecay, nameof(weightDecay));
        _parameters = [.. parameters];
        (LearningRate, _beta1, _beta2, _epsilon, _weightDecay) = (learningRate, beta1, beta2, epsilon, weightDecay);
        _firstMoments = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _secondMoments = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
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
        _steps++;
        double biasCorrection1 = 1 - Math.Pow(_beta1, _steps);
        double biasCorrection2 = 1 - Math.Pow(_beta2, _steps);
        using Scalar beta1 = _beta1.ToScalar(), oneMinusBeta1 = (1 - _beta1).ToScalar();
        using Scalar beta2 = _beta2.ToScalar(), oneMinusBeta2 = (1 - _beta2).ToScalar();
        using Scalar weightDecay = _weightDecay.ToScalar(), epsilon = _epsilon.ToScalar();
        using Scalar rootCorrection2 = Math.Sqrt(biasCorrection2).ToScalar(), stepSize = (-LearningRate / biasCorrection1).ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var gradient = parameter.grad;
            if (gradient is null)
                continue;
            if (_weightDecay != 0)
                gradient = gradient.add(parameter, weightDecay);
            _firstMoments[i].mul_(beta1).add_(gradient, oneMinusBeta1);
            _secondMoments[i].mul_(beta2).addcmul_(gradient, gradient, oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().div_(rootCorrection2).add_(epsilon, Scalars.One);
            parameter.addcdiv_(_firstMoments[i], denominator, stepSize);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var moment in _firstMoments.Concat(_secondMoments))
            moment.Dispose();
    }
}
