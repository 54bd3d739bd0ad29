using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Conv and ConvTranspose with 1-D, 2-D and 3-D kernels (1-D runs as 2-D with a height of one).</summary>
internal static class OnnxConvOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("Conv", Conv, ["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"], CheckRank),
        new("ConvTranspose", ConvTranspose, ["auto_pad", "dilations", "group", "kernel_shape", "pads", "strides", "output_padding"],
            node => CheckRank(node) ?? (node.Has("output_shape") ? "output_shape" : null)),
    ];

    private static string? CheckRank(OnnxNode node) =>
        OnnxSpatial.CheckAutoPad(node) ?? (node.Ints("kernel_shape") is { Length: > 3 } ? "kernels of more than 3 dimensions" : null);

    private static Tensor[] Conv(OnnxNode node, Tensor?[] inputs)
    {
        var (x, w, oneD) = OnnxSpatial.Lift(inputs[0]!, inputs[1]!);
        int n = (int)x.dim() - 2;
        long[] strides = OnnxSpatial.LiftValues(node.Ints("strides"), n, oneD, 1), dilations = OnnxSpatial.LiftValues(node.Ints("dilations"), n, oneD, 1);
        long[] pads = OnnxSpatial.Pads(node, x.shape[2..], w.shape[2..], strides, dilations, oneD);
        if (!OnnxSpatial.Symmetric(pads))
        {
            x = nn.functional.pad(x, OnnxSpatial.TorchPadList(pads));
            pads = new long[2 * n];
        }
        Tensor? bias = inputs.Length > 2 ? inputs[2] : null;
        long groups = node.Int("group", 1);
        var y = n == 3
            ? nn.functional.conv3d(x, w, bias, strides, pads[..3], dilations, groups)
            : nn.functional.conv2d(x, w, bias, strides, pads[..2], dilations, groups);
        return [oneD ? y.squeeze(2) : y];
    }

    private static Tensor[] ConvTranspose(OnnxNode node, Tensor?[] inputs)
    {
        var (x, w, oneD) = OnnxSpatial.Lift(inputs[0]!, inputs[1]!);
        int n = (int)x.dim() - 2;
        long[] strides = OnnxSpatial.LiftValues(node.Ints("strides"), n, oneD, 1), dilations = OnnxSpatial.LiftValues(node.Ints("dilations"), n, oneD, 1);
        long[] outputPadding = OnnxSpatial.LiftValues(node.Ints("output_padding"), n, oneD, 0);
        long[] pads = TransposedPads(node, x.shape[2..], w.shape[2..], strides, dilations, outputPadding, oneD);
        // Asymmetric pads crop a transposed conv's output; torch crops symmetrically, so crop the rest by slicing.
        long[] common = Enumerable.Range(0, n).Select(i => Math.Min(pads[i], pads[i + n])).ToArray();
        Tensor? bias = inputs.Length > 2 ? inputs[2] : null;
        long groups = node.Int("group", 1);
        var y = n == 3
            ? nn.functional.conv_transpose3d(x, w, bias, strides, common, outputPadding, dilations, groups)
            : nn.functional.conv_transpose2d(x, w, bias, strides, common, outputPadding, dilations, groups);
        var slices = new TensorIndex[n + 2];
        slices[0] = slices[1] = TensorIndex.Colon;
        for (int i = 0; i < n; i++)
            slices[i + 2] = TensorIndex.Slice(pads[i] - common[i], y.shape[i + 2] - (pads[i + n] - common[i]));
        y = y[slices];
        return [oneD ? y.squeeze(2) : y];
    }

    /// <summary>Explicit pads, or for SAME_* the ones that make the output input × stride (the ONNX definition).</summary>
    private static long[] TransposedPads(OnnxNode node, long[] spatial, long[] kernel, long[] strides, long[] dilations, long[] outputPadding, bool oneD)
    {
        int n = spatial.Length;
        string autoPad = node.String("auto_pad", "NOTSET");
        if (autoPad is "NOTSET")
            return OnnxSpatial.LiftValues(node.Ints("pads"), 2 * n, oneD, 0, pairs: true);
        var pads = new long[2 * n];
        if (autoPad is "VALID")
            return pads;
        for (int i = 0; i < n; i++)
        {
            long total = Math.Max(0, strides[i] * (spatial[i] - 1) + outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1 - spatial[i] * strides[i]);
            (pads[i], pads[i + n]) = autoPad == "SAME_UPPER" ? (total / 2, total - total / 2) : (total - total / 2, total / 2);
        }
        return pads;
    }
}
