namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Padding, strides and dilations of Conv and the pools, with auto_pad resolved to explicit pads.</summary>
internal static class OnnxSpatial
{
    /// <summary>auto_pad values the importer understands (Conv, ConvTranspose and the pools).</summary>
    public static string? CheckAutoPad(OnnxNode node) =>
        node.String("auto_pad", "NOTSET") is "NOTSET" or "SAME_UPPER" or "SAME_LOWER" or "VALID" ? null : $"auto_pad {node.String("auto_pad", "")}";

    public static long[] Repeat(long[]? values, int count, long fallback) => values ?? Enumerable.Repeat(fallback, count).ToArray();

    /// <summary>A 1-D node's input and weight with a height of one inserted, so it runs as 2-D.</summary>
    public static (TorchSharp.torch.Tensor X, TorchSharp.torch.Tensor W, bool OneD) Lift(TorchSharp.torch.Tensor x, TorchSharp.torch.Tensor w) =>
        x.dim() == 3 ? (x.unsqueeze(2), w.unsqueeze(2), true) : (x, w, false);

    /// <summary>
    /// A node's per-dimension values (or <paramref name="fallback"/> for each of <paramref name="count"/>); for a 1-D node
    /// lifted to 2-D, the inserted height's value (1 for strides and dilations, 0 for pads) comes first.
    /// </summary>
    public static long[] LiftValues(long[]? values, int count, bool oneD, long fallback, bool pairs = false)
    {
        if (!oneD || values is null)
            return Repeat(values, count, fallback);
        return pairs ? [fallback, values[0], fallback, values[1]] : [fallback, values[0]];
    }

    /// <summary>ONNX pads [begin..., end...] for the spatial sizes, kernel, strides and dilations of a node.</summary>
    public static long[] Pads(OnnxNode node, long[] spatial, long[] kernel, long[] strides, long[] dilations, bool oneD = false)
    {
        int n = spatial.Length;
        string autoPad = node.String("auto_pad", "NOTSET");
        if (autoPad is "NOTSET")
            return LiftValues(node.Ints("pads"), 2 * n, oneD, 0, pairs: true);
        var pads = new long[2 * n];
        if (autoPad is "VALID")
            return pads;
        for (int i = 0; i < n; i++)
        {
            long output = (spatial[i] + strides[i] - 1) / strides[i];
            long total = Math.Max(0, (output - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - spatial[i]);
            long small = total / 2, large = total - small;
            (pads[i], pads[i + n]) = autoPad == "SAME_UPPER" ? (small, large) : (large, small);
        }
        return pads;
    }

    /// <summary>True when every begin pad equals its end pad (torch's symmetric padding suffices).</summary>
    public static bool Symmetric(long[] pads)
    {
        int n = pads.Length / 2;
        return Enumerable.Range(0, n).All(i => pads[i] == pads[i + n]);
    }

    /// <summary>ONNX pads [b1, b2, e1, e2] as torch's F.pad list, last dimension first.</summary>
    public static long[] TorchPadList(long[] pads)
    {
        int n = pads.Length / 2;
        var list = new long[2 * n];
        for (int i = 0; i < n; i++)
        {
            list[2 * i] = pads[n - 1 - i];
            list[2 * i + 1] = pads[2 * n - 1 - i];
        }
        return list;
    }
}
