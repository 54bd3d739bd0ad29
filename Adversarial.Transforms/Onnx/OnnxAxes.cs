using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Axis numbers of a node: negative ones count from the end; axes lists come from an attribute or, in newer opsets, an input.</summary>
internal static class OnnxAxes
{
    /// <summary>The axis as a non-negative dimension of a tensor of <paramref name="rank"/> dimensions.</summary>
    /// <exception cref="ArgumentException">The axis lies outside [-rank, rank).</exception>
    public static long Normalize(long axis, long rank)
    {
        long normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
            throw new ArgumentException($"axis {axis} is outside [{-rank}, {rank - 1}] for a tensor of {rank} dimensions.");
        return normalized;
    }

    /// <summary>The node's axes attribute, else its second input (ReduceSum at opset 13, the others at 18, Squeeze and Unsqueeze at 13), else none.</summary>
    public static long[] Of(OnnxNode node, Tensor?[] inputs, int inputIndex = 1) =>
        node.Ints("axes") ?? (inputs.Length > inputIndex && inputs[inputIndex] is { } axes ? OnnxTensors.Longs(axes) : []);
}
