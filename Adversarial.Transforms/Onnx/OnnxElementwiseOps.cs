using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Arithmetic with numpy broadcasting (opset 7 on; the older broadcast/axis attributes are refused), activations, Clip, Softmax/LogSoftmax, Identity, Dropout, Cast, CastLike.</summary>
internal static class OnnxElementwiseOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("Add", (_, i) => [i[0]!.Plus(i[1]!)], []),
        new("Sub", (_, i) => [i[0]! - i[1]!], []),
        new("Mul", (_, i) => [i[0]! * i[1]!], []),
        new("Div", (_, i) => [i[0]!.is_floating_point() ? i[0]! / i[1]! : i[0]!.div(i[1]!, RoundingMode.trunc)], []),
        new("Relu", (_, i) => [nn.functional.relu(i[0]!)], []),
        new("Sigmoid", (_, i) => [i[0]!.sigmoid()], []),
        new("Tanh", (_, i) => [i[0]!.tanh()], []),
        new("LeakyRelu", (n, i) => [i[0]!.leaky_relu(Scalars.Of(n.Float("alpha", 0.01f)))], ["alpha"]),
        new("Elu", (n, i) => [i[0]!.elu(Scalars.Of(n.Float("alpha", 1f)), Scalars.One, Scalars.One)], ["alpha"]),
        new("PRelu", PRelu, []),
        new("Clip", Clip, ["min", "max"]),
        new("Softmax", (n, i) => [Normalize(n, i[0]!, (t, axis) => t.softmax(axis))], ["axis"]),
        new("LogSoftmax", (n, i) => [Normalize(n, i[0]!, (t, axis) => t.log_softmax(axis))], ["axis"]),
        new("Identity", (_, i) => [i[0]!.alias()], []),
        new("Dropout", Dropout, ["ratio", "seed", "is_test"],
            n => n.InputName(2) is { } mode && !n.IsConstant(mode) ? "training_mode given at run time (inference only)" : null),
        new("Cast", (n, i) => [i[0]!.to_type(OnnxTensors.ScalarTypeOf(n.Int("to", 1)))], ["to", "saturate"],
            n => OnnxTensors.WhyUnsupported(n.Int("to", 1))),
        new("CastLike", (_, i) => [i[0]!.to_type(i[1]!.dtype)], ["saturate"]),
    ];

    private static Tensor[] Clip(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        if (node.Opset < 11)
            return [x.clamp(Scalars.Of(node.Float("min", float.MinValue)), Scalars.Of(node.Float("max", float.MaxValue)))];
        Tensor? min = inputs.Length > 1 ? inputs[1] : null, max = inputs.Length > 2 ? inputs[2] : null;
        if (min is not null)
            x = maximum(x, min.to_type(x.dtype));
        if (max is not null)
            x = minimum(x, max.to_type(x.dtype));
        return [min is null && max is null ? x.alias() : x];
    }

    private static Tensor[] PRelu(OnnxNode node, Tensor?[] inputs)
    {
        var (x, slope) = (inputs[0]!, inputs[1]!);
        // Before opset 7 a 1-D slope is one value per channel (dimension 1), not numpy-broadcast from the right.
        if (node.Opset < 7 && slope.dim() == 1 && x.dim() > 2 && slope.shape[0] == x.shape[1])
            slope = slope.reshape([x.shape[1], .. Enumerable.Repeat(1L, (int)x.dim() - 2)]);
        return [where(x < Scalars.Zero, x * slope, x)];
    }

    private static Tensor[] Dropout(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        if (inputs.Length > 2 && inputs[2] is { } training && training.to_type(ScalarType.Bool).item<bool>())
            throw new NotSupportedException($"Dropout '{node.Name}': training_mode true; the importer runs models for inference.");
        return node.Proto.Output.Count > 1 && node.Proto.Output[1].Length > 0 ? [x.alias(), ones_like(x, ScalarType.Bool)] : [x.alias()];
    }

    /// <summary>Opset 13 normalizes along one axis (default -1); earlier opsets flatten from the axis (default 1) to 2-D.</summary>
    private static Tensor Normalize(OnnxNode node, Tensor x, Func<Tensor, long, Tensor> along)
    {
        if (node.Opset >= 13)
            return along(x, node.Int("axis", -1));
        long axis = node.Int("axis", 1);
        if (axis < 0)
            axis += x.dim();
        long[] shape = x.shape;
        long outer = shape[..(int)axis].Aggregate(1L, (a, b) => a * b);
        return along(x.reshape(outer, -1), 1).reshape(shape);
    }
}
