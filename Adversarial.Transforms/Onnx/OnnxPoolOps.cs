using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>MaxPool, AveragePool (ceil mode, count_include_pad, any pads) and the global pools; 1-D, 2-D and 3-D windows.</summary>
internal static class OnnxPoolOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("MaxPool", MaxPool, ["auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "strides", "storage_order"],
            node => Check(node) ?? (node.Proto.Output.Count > 1 && node.Proto.Output[1].Length > 0 ? "the Indices output" : null)),
        new("AveragePool", AveragePool, ["auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides"], Check),
        new("GlobalAveragePool", (_, i) => [i[0]!.mean(SpatialAxes(i[0]!), keepdim: true)], []),
        new("GlobalMaxPool", (_, i) => [i[0]!.amax(SpatialAxes(i[0]!), keepdim: true)], []),
    ];

    private static long[] SpatialAxes(Tensor x) => Enumerable.Range(2, (int)x.dim() - 2).Select(d => (long)d).ToArray();

    private static string? Check(OnnxNode node) =>
        OnnxSpatial.CheckAutoPad(node) ?? (node.Ints("kernel_shape") is not { Length: >= 1 and <= 3 } ? "kernels of more than 3 dimensions" : null);

    private static Tensor[] MaxPool(OnnxNode node, Tensor?[] inputs)
    {
        var (x, kernel, strides, dilations, pads, oneD) = Geometry(node, inputs[0]!);
        bool ceil = node.Int("ceil_mode", 0) != 0;
        // The common 2x2/2 pool runs as the native LeNet's (the same values, to the bit; faster without autograd).
        if (!oneD && kernel is [2, 2] && strides is [2, 2] && dilations is [1, 1] && pads.All(p => p == 0)
            && (!ceil || x.shape[2] % 2 == 0 && x.shape[3] % 2 == 0))
            return [MlNetAdversarial.Transforms.Models.MaxPool2x2.Apply(x)];
        // A max pads with the lowest value of the type: pad explicitly, then pool without padding.
        if (pads.Any(p => p != 0))
            x = nn.functional.pad(x, OnnxSpatial.TorchPadList(pads), PaddingModes.Constant, Lowest(x.dtype));
        var zeros = new long[kernel.Length];
        var y = kernel.Length == 3
            ? nn.functional.max_pool3d(x, kernel, strides, zeros, dilations, ceil)
            : nn.functional.max_pool2d(x, kernel, strides, zeros, dilations, ceil);
        return [oneD ? y.squeeze(2) : y];
    }

    private static Tensor[] AveragePool(OnnxNode node, Tensor?[] inputs)
    {
        var (x, kernel, strides, _, pads, oneD) = Geometry(node, inputs[0]!);
        bool ceil = node.Int("ceil_mode", 0) != 0, includePad = node.Int("count_include_pad", 0) != 0;
        // Sums over each window divided by how many elements count in it: padding counts when count_include_pad,
        // the part of a ceil-mode window beyond the padded input never does.
        var padList = OnnxSpatial.TorchPadList(pads);
        var counted = nn.functional.pad(ones_like(x[TensorIndex.Slice(0, 1), TensorIndex.Slice(0, 1)]), padList, PaddingModes.Constant, includePad ? 1 : 0);
        var y = Sums(nn.functional.pad(x, padList), kernel, strides, ceil) / Sums(counted, kernel, strides, ceil);
        return [oneD ? y.squeeze(2) : y];
    }

    private static Tensor Sums(Tensor x, long[] kernel, long[] strides, bool ceil)
    {
        var zeros = new long[kernel.Length];
        return kernel.Length == 3
            ? nn.functional.avg_pool3d(x, kernel, strides, zeros, ceil, count_include_pad: false, divisor_override: 1)
            : nn.functional.avg_pool2d(x, kernel, strides, zeros, ceil, count_include_pad: false, divisor_override: 1);
    }

    private static double Lowest(ScalarType type) => type switch
    {
        ScalarType.Byte => 0,
        ScalarType.Int8 => sbyte.MinValue,
        ScalarType.Int32 => int.MinValue,
        ScalarType.Int64 => long.MinValue,
        _ => double.NegativeInfinity,
    };

    private static (Tensor X, long[] Kernel, long[] Strides, long[] Dilations, long[] Pads, bool OneD) Geometry(OnnxNode node, Tensor x)
    {
        long[] kernel = node.Ints("kernel_shape")!;
        int n = kernel.Length;
        long[] strides = OnnxSpatial.Repeat(node.Ints("strides"), n, 1), dilations = OnnxSpatial.Repeat(node.Ints("dilations"), n, 1);
        long[] pads = OnnxSpatial.Pads(node, x.shape[2..], kernel, strides, dilations);
        if (n > 1)
            return (x, kernel, strides, dilations, pads, false);
        return (x.unsqueeze(2), OnnxSpatial.LiftValues(kernel, 2, true, 1), OnnxSpatial.LiftValues(strides, 2, true, 1),
            OnnxSpatial.LiftValues(dilations, 2, true, 1), OnnxSpatial.LiftValues(pads, 4, true, 0, pairs: true), true);
    }
}
