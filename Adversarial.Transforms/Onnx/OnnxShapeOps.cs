using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Shapes and layout: Flatten, Reshape, Transpose, Squeeze, Unsqueeze, Concat, Shape, Pad, Constant.</summary>
internal static class OnnxShapeOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("Flatten", Flatten, ["axis"]),
        new("Reshape", Reshape, ["allowzero"], n => n.Int("allowzero", 0) != 0 ? "allowzero 1" : null),
        new("Transpose", (n, i) => [i[0]!.permute(n.Ints("perm") ?? Enumerable.Range(0, (int)i[0]!.dim()).Reverse().Select(d => (long)d).ToArray())], ["perm"]),
        new("Squeeze", Squeeze, ["axes"]),
        new("Unsqueeze", Unsqueeze, ["axes"]),
        new("Concat", (n, i) => [cat(i.Select(t => t!).ToArray(), n.Int("axis", 0))], ["axis"]),
        new("Shape", Shape, ["start", "end"]),
        new("Pad", Pad, ["mode", "pads", "value"], n => n.String("mode", "constant") is "constant" or "reflect" or "edge" ? null : $"mode {n.String("mode", "")}"),
        new("Constant", Constant, ["value", "value_float", "value_floats", "value_int", "value_ints"]),
    ];

    // Flatten's axis and Shape's start and end may equal the rank.
    private static long Axis(long axis, long rank) => axis < 0 ? axis + rank : axis;

    private static Tensor[] Flatten(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long axis = Axis(node.Int("axis", 1), x.dim());
        long outer = x.shape[..(int)axis].Aggregate(1L, (a, b) => a * b);
        return [x.reshape(outer, -1)];
    }

    private static Tensor[] Reshape(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long[] shape = node.Opset < 5 ? node.Ints("shape")! : OnnxTensors.Longs(inputs[1]!);
        for (int d = 0; d < shape.Length; d++)
            if (shape[d] == 0)
                shape[d] = x.shape[d];
        return [x.reshape(shape)];
    }

    private static Tensor[] Squeeze(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long[] axes = OnnxAxes.Of(node, inputs).Select(a => OnnxAxes.Normalize(a, x.dim())).ToArray();
        if (axes.Length == 0)
            return [x.squeeze()];
        long[] kept = x.shape.Where((_, d) => !axes.Contains(d)).ToArray();
        return [x.reshape(kept)];
    }

    private static Tensor[] Unsqueeze(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long[] axes = OnnxAxes.Of(node, inputs);
        long rank = x.dim() + axes.Length;
        foreach (long axis in axes.Select(a => OnnxAxes.Normalize(a, rank)).Order())
            x = x.unsqueeze(axis);
        return [x];
    }

    private static Tensor[] Shape(OnnxNode node, Tensor?[] inputs)
    {
        long[] shape = inputs[0]!.shape;
        long start = Math.Clamp(Axis(node.Int("start", 0), shape.Length), 0, shape.Length);
        long end = Math.Clamp(Axis(node.Int("end", shape.Length), shape.Length), 0, shape.Length);
        return [tensor(shape[(int)start..(int)Math.Max(start, end)], device: inputs[0]!.device)];
    }

    private static Tensor[] Pad(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        long[] pads = node.Opset < 11 ? node.Ints("pads")! : OnnxTensors.Longs(inputs[1]!);
        double value = node.Opset < 11 ? node.Float("value", 0f)
            : inputs.Length > 2 && inputs[2] is { } v && v.numel() > 0 ? v.to_type(ScalarType.Float64).item<double>() : 0.0;
        if (inputs.Length > 3 && inputs[3] is not null)
            throw new NotSupportedException($"Pad '{node.Name}': the axes input is not supported.");
        var mode = node.String("mode", "constant") switch { "reflect" => PaddingModes.Reflect, "edge" => PaddingModes.Replicate, _ => PaddingModes.Constant };
        // torch pads the last dimensions first; trailing all-zero pairs of the leading dimensions are dropped
        // (reflect and replicate take at most the last three dimensions).
        var list = OnnxSpatial.TorchPadList(pads).ToList();
        while (list.Count > 2 && list[^1] == 0 && list[^2] == 0)
            list.RemoveRange(list.Count - 2, 2);
        return [nn.functional.pad(x, list.ToArray(), mode, value)];
    }

    private static Tensor[] Constant(OnnxNode node, Tensor?[] inputs)
    {
        if (node.TensorAttribute("value") is { } value)
            return [value];
        if (node.Has("value_float"))
            return [tensor(node.Float("value_float", 0f))];
        if (node.Floats("value_floats") is { } floats)
            return [tensor(floats)];
        if (node.Has("value_int"))
            return [tensor(node.Int("value_int", 0))];
        if (node.Ints("value_ints") is { } ints)
            return [tensor(ints)];
        throw new NotSupportedException($"Constant '{node.Name}' holds no value this importer reads.");
    }
}
