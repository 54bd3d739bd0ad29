using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests;

/// <summary>
/// Runs a network on one image at a time and stacks the results, so that what it gives an image cannot depend on the
/// other images of the batch. libtorch's own forward pass can: a linear layer on one row is a matrix-vector product, on
/// many rows a matrix product, which add in another order (measured on LeNet's 9216-input layer: up to 4e-4 apart).
/// </summary>
internal sealed class PerImageNetwork : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _network;

    public PerImageNetwork(nn.Module<Tensor, Tensor> network) : base("per-image")
    {
        _network = network;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var rows = Enumerable.Range(0, (int)input.shape[0]).Select(i => _network.call(input[TensorIndex.Slice(i, i + 1)])).ToArray();
        return cat(rows, 0).MoveToOuterDisposeScope();
    }
}
