using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Making tensors and rearranging their elements: Expand, Tile, ConstantOfShape, Range, DepthToSpace, SpaceToDepth.</summary>
internal static class OnnxExpansionOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("Expand", (_, i) => [Expand(i[0]!, OnnxTensors.Longs(i[1]!))], []),
        new("Tile", (_, i) => [i[0]!.repeat(OnnxTensors.Longs(i[1]!))], []),
        new("ConstantOfShape", ConstantOfShape, ["value"]),
        new("Range", Range, []),
        new("DepthToSpace", DepthToSpace, ["blocksize", "mode"], n => n.String("mode", "DCR") is "DCR" or "CRD" ? null : $"mode {n.String("mode", "")} (expected DCR or CRD)"),
        new("SpaceToDepth", SpaceToDepth, ["blocksize"]),
    ];

    /// <summary>ONNX's Expand broadcasts both ways (a 1 in the shape keeps the input's size), unlike torch's expand.</summary>
    private static Tensor Expand(Tensor x, long[] shape)
    {
        long[] have = x.shape;
        int rank = Math.Max(have.Length, shape.Length);
        var result = new long[rank];
        for (int d = 0; d < rank; d++)
        {
            long a = d >= rank - have.Length ? have[d - (rank - have.Length)] : 1, b = d >= rank - shape.Length ? shape[d - (rank - shape.Length)] : 1;
            if (a != b && a != 1 && b != 1)
                throw new ArgumentException($"Expand cannot broadcast [{string.Join(", ", have)}] to [{string.Join(", ", shape)}]: dimension {d} is {a} against {b}.");
            result[d] = a == 1 ? b : a;
        }
        return x.expand(result);
    }

    private static Tensor[] ConstantOfShape(OnnxNode node, Tensor?[] inputs)
    {
        long[] shape = OnnxTensors.Longs(inputs[0]!);
        var value = node.TensorAttribute("value");
        var type = value?.dtype ?? ScalarType.Float32;
        var result = value is null ? zeros(shape, type, inputs[0]!.device) : value.reshape(1).to(inputs[0]!.device).expand(shape.Length == 0 ? [1] : shape).reshape(shape).contiguous();
        return [result];
    }

    /// <summary>start + i·delta for i below max(ceil((limit − start)/delta), 0), in the element type of start.</summary>
    private static Tensor[] Range(OnnxNode node, Tensor?[] inputs)
    {
        var (start, limit, delta) = (inputs[0]!, inputs[1]!, inputs[2]!);
        double first = start.to_type(ScalarType.Float64).item<double>(), step = delta.to_type(ScalarType.Float64).item<double>();
        double last = limit.to_type(ScalarType.Float64).item<double>();
        if (step == 0)
            throw new ArgumentException("Range delta 0: the delta must be non-zero.");
        long count = (long)Math.Max(Math.Ceiling((last - first) / step), 0);
        var indices = Scalars.Indices(count, start.device);
        return [start.is_floating_point() ? (indices.to_type(start.dtype) * delta).Plus(start) : (indices * delta.to_type(ScalarType.Int64)).Plus(start.to_type(ScalarType.Int64)).to_type(start.dtype)];
    }

    private static Tensor[] DepthToSpace(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long block = node.Int("blocksize", 1);
        long[] s = x.shape;
        if (s.Length != 4 || s[1] % (block * block) != 0)
            throw new ArgumentException($"DepthToSpace with blocksize {block} needs a 4-D input whose channels are a multiple of {block * block}; got [{string.Join(", ", s)}].");
        long channels = s[1] / (block * block);
        var moved = node.String("mode", "DCR") == "DCR"
            ? x.reshape(s[0], block, block, channels, s[2], s[3]).permute(0, 3, 4, 1, 5, 2)
            : x.reshape(s[0], channels, block, block, s[2], s[3]).permute(0, 1, 4, 2, 5, 3);
        return [moved.reshape(s[0], channels, s[2] * block, s[3] * block)];
    }

    private static Tensor[] SpaceToDepth(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long block = node.Int("blocksize", 1);
        long[] s = x.shape;
        if (s.Length != 4 || s[2] % block != 0 || s[3] % block != 0)
            throw new ArgumentException($"SpaceToDepth with blocksize {block} needs a 4-D input whose height and width are multiples of {block}; got [{string.Join(", ", s)}].");
        return [x.reshape(s[0], s[1], s[2] / block, block, s[3] / block, block).permute(0, 3, 5, 1, 2, 4).reshape(s[0], s[1] * block * block, s[2] / block, s[3] / block)];
    }
}
