using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>
/// The Reduce family (axes as an attribute, or as an input from ReduceSum's opset 13 and the others' opset 18;
/// no axes reduces all of them unless noop_with_empty_axes), ArgMax and ArgMin.
/// </summary>
internal static class OnnxReduceOps
{
    private static readonly string[] ReduceAttributes = ["axes", "keepdims", "noop_with_empty_axes"];

    public static IEnumerable<OnnxOp> All =>
    [
        Reduce("ReduceMean", (x, axes, keep) => x.mean(axes, keepdim: keep)),
        Reduce("ReduceSum", (x, axes, keep) => x.sum(axes, keepdim: keep)),
        Reduce("ReduceMax", (x, axes, keep) => x.amax(axes, keepdim: keep)),
        Reduce("ReduceMin", (x, axes, keep) => x.amin(axes, keepdim: keep)),
        Reduce("ReduceProd", Product),
        Reduce("ReduceL1", (x, axes, keep) => x.abs().sum(axes, keepdim: keep)),
        Reduce("ReduceL2", (x, axes, keep) => x.Squared().sum(axes, keepdim: keep).sqrt()),
        Reduce("ReduceSumSquare", (x, axes, keep) => x.Squared().sum(axes, keepdim: keep)),
        Reduce("ReduceLogSum", (x, axes, keep) => x.sum(axes, keepdim: keep).log()),
        Reduce("ReduceLogSumExp", LogSumExp),
        new("ArgMax", (n, i) => [ArgExtreme(n, i[0]!, (x, axis) => x.argmax(axis, keepdim: true))], ["axis", "keepdims", "select_last_index"]),
        new("ArgMin", (n, i) => [ArgExtreme(n, i[0]!, (x, axis) => x.argmin(axis, keepdim: true))], ["axis", "keepdims", "select_last_index"]),
    ];

    private static OnnxOp Reduce(string name, Func<Tensor, long[], bool, Tensor> reduce) => new(name, (node, inputs) =>
    {
        var x = inputs[0]!;
        long[] axes = OnnxAxes.Of(node, inputs).Select(a => OnnxAxes.Normalize(a, x.dim())).Distinct().ToArray();
        if (axes.Length == 0)
        {
            if (node.Int("noop_with_empty_axes", 0) != 0)
                return [x.alias()];
            axes = Enumerable.Range(0, (int)x.dim()).Select(d => (long)d).ToArray();
        }
        bool keep = node.Int("keepdims", 1) != 0;
        // A 0-D input has no axes to name; its reduction is itself.
        return [x.dim() == 0 ? reduce(x.reshape(1), [0], false) : reduce(x, axes, keep)];
    }, ReduceAttributes);

    private static Tensor Product(Tensor x, long[] axes, bool keep)
    {
        foreach (long axis in axes.OrderDescending())
            x = x.prod(axis, keepdim: keep);
        return x;
    }

    private static Tensor LogSumExp(Tensor x, long[] axes, bool keep)
    {
        var peak = x.amax(axes, keepdim: true).detach();
        var sum = (x - peak).exp().sum(axes, keepdim: true).log().Plus(peak);
        return keep ? sum : sum.reshape(x.shape.Where((_, d) => !axes.Contains(d)).ToArray());
    }

    /// <summary>torch returns the first extreme index; select_last_index takes it in the flipped tensor and maps it back.</summary>
    private static Tensor ArgExtreme(OnnxNode node, Tensor x, Func<Tensor, long, Tensor> arg)
    {
        long axis = OnnxAxes.Normalize(node.Int("axis", 0), x.dim());
        Tensor index = node.Int("select_last_index", 0) != 0
            ? arg(x.flip(axis), axis).neg().Plus(Scalars.OfInteger(x.shape[axis] - 1))
            : arg(x, axis);
        return node.Int("keepdims", 1) != 0 ? index : index.squeeze(axis);
    }
}
