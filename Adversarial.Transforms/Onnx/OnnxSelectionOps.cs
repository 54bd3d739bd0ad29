using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Picking parts of a tensor: Slice, Split, Gather, GatherElements (negative indices count from the end, as ONNX says), Trilu.</summary>
internal static class OnnxSelectionOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("Slice", Slice, ["starts", "ends", "axes"]),
        new("Split", Split, ["axis", "split", "num_outputs"],
            n => n.Has("num_outputs") && n.Int("num_outputs", 0) != n.Proto.Output.Count
                ? $"num_outputs {n.Int("num_outputs", 0)} but {n.Proto.Output.Count} outputs" : null),
        new("Gather", Gather, ["axis"]),
        new("GatherElements", GatherElements, ["axis"]),
        new("Trilu", Trilu, ["upper"]),
    ];

    private static Tensor NonNegative(Tensor indices, long size)
    {
        indices = indices.to_type(ScalarType.Int64);
        return where(indices < Scalars.OfInteger(0), indices.Plus(Scalars.OfInteger(size)), indices);
    }

    private static Tensor[] Gather(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long axis = OnnxAxes.Normalize(node.Int("axis", 0), x.dim());
        var indices = NonNegative(inputs[1]!, x.shape[axis]);
        var picked = x.index_select(axis, indices.flatten());
        long[] shape = [.. x.shape[..(int)axis], .. indices.shape, .. x.shape[((int)axis + 1)..]];
        return [picked.reshape(shape)];
    }

    private static Tensor[] GatherElements(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long axis = OnnxAxes.Normalize(node.Int("axis", 0), x.dim());
        return [x.gather(axis, NonNegative(inputs[1]!, x.shape[axis]))];
    }

    private static Tensor[] Trilu(OnnxNode node, Tensor?[] inputs)
    {
        long k = inputs.Length > 1 && inputs[1] is { } diagonal ? OnnxTensors.Longs(diagonal)[0] : 0;
        return [node.Int("upper", 1) != 0 ? inputs[0]!.triu(k) : inputs[0]!.tril(k)];
    }

    /// <summary>Opset 10 moved starts, ends and axes from attributes to inputs and added steps; indices are clamped as the spec says.</summary>
    private static Tensor[] Slice(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long[] Input(int index) => inputs.Length > index && inputs[index] is { } t ? OnnxTensors.Longs(t) : [];
        long[] starts = node.Opset < 10 ? node.Ints("starts") ?? [] : Input(1);
        long[] ends = node.Opset < 10 ? node.Ints("ends") ?? [] : Input(2);
        long[] axes = node.Opset < 10 ? node.Ints("axes") ?? [] : Input(3);
        long[] steps = node.Opset < 10 ? [] : Input(4);
        if (axes.Length == 0)
            axes = Enumerable.Range(0, starts.Length).Select(a => (long)a).ToArray();
        if (steps.Length == 0)
            steps = Enumerable.Repeat(1L, starts.Length).ToArray();
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
            throw new ArgumentException($"Slice has {starts.Length} starts, {ends.Length} ends, {axes.Length} axes and {steps.Length} steps; they must be as many.");
        for (int k = 0; k < starts.Length; k++)
        {
            long axis = OnnxAxes.Normalize(axes[k], x.dim());
            long step = steps[k], size = x.shape[axis];
            if (step == 0)
                throw new ArgumentException($"Slice step 0 on axis {axes[k]}: steps must be non-zero.");
            long start = starts[k] < 0 ? starts[k] + size : starts[k];
            long end = ends[k] < 0 ? ends[k] + size : ends[k];
            if (step > 0)
            {
                start = Math.Clamp(start, 0, size);
                end = Math.Clamp(end, 0, size);
                x = end > start ? x.slice(axis, start, end, step) : x.narrow(axis, 0, 0);
            }
            else
            {
                start = Math.Clamp(start, 0, size - 1);
                end = Math.Clamp(end, -1, size - 1);
                long count = Math.Max(0, (start - end + (-step) - 1) / -step);
                var picked = Enumerable.Range(0, (int)count).Select(i => start + i * step).ToArray();
                x = x.index_select(axis, tensor(picked, device: x.device));
            }
        }
        return [x];
    }

    /// <summary>The parts come from the split attribute (before opset 13) or input, from num_outputs (opset 18: the last part smaller), or as equal parts, one per output.</summary>
    private static Tensor[] Split(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long axis = OnnxAxes.Normalize(node.Int("axis", 0), x.dim());
        long size = x.shape[axis];
        int parts = node.Proto.Output.Count;
        long[]? sizes = node.Opset < 13 ? node.Ints("split") : inputs.Length > 1 && inputs[1] is { } given ? OnnxTensors.Longs(given) : null;
        if (sizes is null && node.Has("num_outputs"))
        {
            long chunk = (size + parts - 1) / parts;
            sizes = Enumerable.Range(0, parts).Select(p => Math.Clamp(size - p * chunk, 0, chunk)).ToArray();
        }
        else if (sizes is null)
        {
            if (size % parts != 0)
                throw new ArgumentException($"Split into {parts} equal parts: axis {axis} has {size} elements, not a multiple of {parts}.");
            sizes = Enumerable.Repeat(size / parts, parts).ToArray();
        }
        if (sizes.Length != parts || sizes.Any(s => s < 0) || sizes.Sum() != size)
            throw new ArgumentException($"Split parts [{string.Join(", ", sizes)}] must be {parts} non-negative sizes adding up to axis {axis}'s {size}.");
        return x.split(sizes, axis);
    }
}
