using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>The scalar-safe optimizers make the same updates as TorchSharp's own, step for step.</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void AdamMatchesTorchSharpsAdam()
    {
        var (ours, theirs) = Train(p => new AdamOptimizer(p, 0.01, weightDecay: 0.001), p => optim.Adam(p, 0.01, weight_decay: 0.001));
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void NesterovSgdWithWeightDecayMatchesTorchSharpsSgd()
    {
        var (ours, theirs) = Train(p => new SgdOptimizer(p, 0.05, 0.9, nesterov: true, weightDecay: 5e-4),
            p => optim.SGD(p, 0.05, momentum: 0.9, nesterov: true, weight_decay: 5e-4));
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void ALearningRateOfZeroLeavesTheParametersAlone()
    {
        using var scope = NewDisposeScope();
        var network = Network();
        var before = Flat(network);
        using var optimizer = new AdamOptimizer(network.parameters(), 0.01) { LearningRate = 0 };
        Step(network, optimizer.ZeroGrad, optimizer.Step);
        Assert.Equal(before, Flat(network));
    }

    [Fact]
    public void OutOfRangeSettingsAreRefused()
    {
        using var network = Network();
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer(network.parameters(), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer(network.parameters(), beta1: 1));
        Assert.Throws<ArgumentException>(() => new SgdOptimizer(network.parameters(), 0.1, nesterov: true));
    }

    private static (float[] Ours, float[] Theirs) Train(Func<IEnumerable<TorchSharp.Modules.Parameter>, IParameterOptimizer> ours,
        Func<IEnumerable<TorchSharp.Modules.Parameter>, optim.Optimizer> theirs)
    {
        using var scope = NewDisposeScope();
        var (a, b) = (Network(), Network());
        using var mine = ours(a.parameters());
        using var reference = theirs(b.parameters());
        for (int i = 0; i < 5; i++)
        {
            Step(a, mine.ZeroGrad, mine.Step);
            Step(b, reference.zero_grad, () => reference.step());
        }
        return (Flat(a), Flat(b));
    }

    private static nn.Module<Tensor, Tensor> Network()
    {
        manual_seed(3);
        return nn.Sequential(nn.Linear(6, 5), nn.Tanh(), nn.Linear(5, 3));
    }

    private static void Step(nn.Module<Tensor, Tensor> network, Action zeroGrad, Action step)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var (inputs, labels) = (randn(8, 6), randint(3, [8]));
        zeroGrad();
        nn.functional.cross_entropy(network.call(inputs), labels).backward();
        step();
    }

    private static float[] Flat(nn.Module<Tensor, Tensor> network)
    {
        using var scope = NewDisposeScope();
        return cat([.. network.parameters().Select(p => p.detach().flatten())]).data<float>().ToArray();
    }
}
