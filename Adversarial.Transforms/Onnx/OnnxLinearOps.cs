using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Gemm, MatMul and Einsum.</summary>
internal static class OnnxLinearOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("Gemm", Gemm, ["alpha", "beta", "transA", "transB"], n => n.Has("broadcast") ? "broadcast" : null),
        new("MatMul", (_, i) => [MatMul(i[0]!, i[1]!)], []),
        // ONNX's equation grammar (letters, "...", "->", spaces) is torch's.
        new("Einsum", (n, i) => [einsum(n.String("equation", ""), i.Select(t => t!).ToArray())], ["equation"],
            n => n.String("equation", "").Length == 0 ? "no equation" : null),
    ];

    private static Tensor[] Gemm(OnnxNode node, Tensor?[] inputs)
    {
        // The common export of nn.Linear runs as torch's linear (the same kernel as a native Linear layer, to the bit).
        if (node.Int("transA", 0) == 0 && node.Int("transB", 0) != 0 && node.Float("alpha", 1f) == 1f && node.Float("beta", 1f) == 1f
            && inputs[0]!.dim() == 2 && (inputs.Length < 3 || inputs[2] is null || inputs[2]!.dim() == 1))
            return [nn.functional.linear(inputs[0]!, inputs[1]!, inputs.Length > 2 ? inputs[2] : null)];
        var a = node.Int("transA", 0) != 0 ? inputs[0]!.t() : inputs[0]!;
        var b = node.Int("transB", 0) != 0 ? inputs[1]!.t() : inputs[1]!;
        var y = MatMul(a, b) * Scalars.Of(node.Float("alpha", 1f));
        if (inputs.Length > 2 && inputs[2] is { } c)
            y = y.Plus(c * Scalars.Of(node.Float("beta", 1f)));
        return [y];
    }

    /// <summary>numpy's matmul, its shapes checked first: libtorch's shape error escapes TorchSharp 0.107's matmul and ends the
    /// process (a model fed images of another size reaches it).</summary>
    private static Tensor MatMul(Tensor a, Tensor b)
    {
        long[] left = a.shape, right = b.shape;
        if (left.Length == 0 || right.Length == 0)
            throw new ArgumentException("MatMul takes tensors of at least one dimension.");
        long inner = right.Length == 1 ? right[0] : right[^2];
        bool batchesBroadcast = left[..Math.Max(0, left.Length - 2)].Reverse().Zip(right[..Math.Max(0, right.Length - 2)].Reverse())
            .All(p => p.First == p.Second || p.First == 1 || p.Second == 1);
        if (left[^1] != inner || !batchesBroadcast)
            throw new ArgumentException($"MatMul cannot multiply [{string.Join(", ", left)}] by [{string.Join(", ", right)}]"
                + (left[^1] != inner ? $": {left[^1]} columns against {inner} rows." : ": the batch dimensions do not broadcast."));
        return matmul(a, b);
    }
}
