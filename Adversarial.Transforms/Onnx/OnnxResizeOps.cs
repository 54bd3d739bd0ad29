using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Resize (opset 10 on: scales or sizes, every coordinate_transformation_mode and nearest_mode, linear and cubic) and the older Upsample.</summary>
internal static class OnnxResizeOps
{
    private static readonly string[] CoordinateModes = ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_half_pixel_for_nn", "tf_crop_and_resize"];
    private static readonly string[] NearestModes = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"];

    public static IEnumerable<OnnxOp> All =>
    [
        new("Resize", Resize, ["mode", "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a", "exclude_outside", "extrapolation_value", "antialias", "axes", "keep_aspect_ratio_policy"],
            CheckResize),
        new("Upsample", Upsample, ["mode", "scales"], n => n.String("mode", "nearest") is "nearest" or "linear" or "bilinear" ? null : $"mode {n.String("mode", "")} (expected nearest or linear)"),
    ];

    private static string? CheckResize(OnnxNode node)
    {
        string mode = node.String("mode", "nearest"), coordinates = node.String("coordinate_transformation_mode", "half_pixel");
        if (mode is not ("nearest" or "linear" or "cubic"))
            return $"mode {mode} (expected nearest, linear or cubic)";
        if (!CoordinateModes.Contains(coordinates))
            return $"coordinate_transformation_mode {coordinates} (supported: {string.Join(", ", CoordinateModes)})";
        if (!NearestModes.Contains(node.String("nearest_mode", "round_prefer_floor")))
            return $"nearest_mode {node.String("nearest_mode", "")} (supported: {string.Join(", ", NearestModes)})";
        if (node.Opset >= 11 && node.InputName(2) is null && node.InputName(3) is null)
            return "neither scales nor sizes (give one of them)";
        if (node.Int("antialias", 0) != 0)
            return "antialias 1 (export with antialias off, or resize the images before the model)";
        if (node.String("keep_aspect_ratio_policy", "stretch") != "stretch")
            return $"keep_aspect_ratio_policy {node.String("keep_aspect_ratio_policy", "")} (expected stretch)";
        return null;
    }

    private static Tensor[] Resize(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        // Opset 10 takes (X, scales) and maps coordinates asymmetrically, rounding nearest down, as Upsample did.
        if (node.Opset < 11)
            return [Apply(x, new OnnxResampling(node.String("mode", "nearest"), "asymmetric", "floor", -0.75, false, 0), Values(inputs, 1), null, null, null)];
        var resampling = new OnnxResampling(node.String("mode", "nearest"), node.String("coordinate_transformation_mode", "half_pixel"),
            node.String("nearest_mode", "round_prefer_floor"), node.Float("cubic_coeff_a", -0.75f), node.Int("exclude_outside", 0) != 0,
            node.Float("extrapolation_value", 0f));
        double[]? scales = Values(inputs, 2);
        long[]? sizes = inputs.Length > 3 && inputs[3] is { } s && s.numel() > 0 ? OnnxTensors.Longs(s) : null;
        if (scales is null && sizes is null)
            throw new ArgumentException("Resize has neither scales nor sizes; give one of them.");
        if (scales is not null && sizes is not null)
            throw new ArgumentException("Resize has both scales and sizes; give only one.");
        return [Apply(x, resampling, scales, sizes, Values(inputs, 1), node.Ints("axes"))];
    }

    private static Tensor[] Upsample(OnnxNode node, Tensor?[] inputs)
    {
        double[] scales = node.Opset < 9 ? node.Floats("scales")?.Select(f => (double)f).ToArray() ?? [] : Values(inputs, 1) ?? [];
        string mode = node.String("mode", "nearest") == "nearest" ? "nearest" : "linear";
        return [Apply(inputs[0]!, new OnnxResampling(mode, "asymmetric", "floor", -0.75, false, 0), scales, null, null, null)];
    }

    private static double[]? Values(Tensor?[] inputs, int index) =>
        inputs.Length > index && inputs[index] is { } t && t.numel() > 0 ? t.to_type(ScalarType.Float64).cpu().data<double>().ToArray() : null;

    /// <summary>Resamples each axis whose size or scale changes (every axis under tf_crop_and_resize, whose region may crop).</summary>
    private static Tensor Apply(Tensor x, OnnxResampling resampling, double[]? scales, long[]? sizes, double[]? roi, long[]? axes)
    {
        int rank = (int)x.dim();
        long[] dims = axes?.Select(a => OnnxAxes.Normalize(a, rank)).ToArray() ?? Enumerable.Range(0, rank).Select(d => (long)d).ToArray();
        int given = scales?.Length ?? sizes!.Length;
        if (given != dims.Length)
            throw new ArgumentException($"Resize has {given} {(scales is null ? "sizes" : "scales")} for {dims.Length} axes of a [{string.Join(", ", x.shape)}] input.");
        bool crop = resampling.CoordinateMode == "tf_crop_and_resize";
        if (crop && (roi is null || roi.Length != 2 * dims.Length))
            throw new ArgumentException($"Resize with tf_crop_and_resize needs a roi of {2 * dims.Length} values; got {roi?.Length ?? 0}.");
        for (int k = 0; k < dims.Length; k++)
        {
            long axis = dims[k], input = x.shape[axis];
            double start = crop ? roi![k] : 0, end = crop ? roi![k + dims.Length] : 1;
            double scale = scales is not null ? scales[k] : (double)sizes![k] / input;
            if (scale <= 0)
                throw new ArgumentException($"Resize scale {scale} on axis {axis}: scales must be positive.");
            long output = sizes is not null ? sizes[k] : (long)Math.Floor(input * (end - start) * scale);
            if (!crop && output == input && scale == 1)
                continue;
            x = resampling.Along(x, axis, output, scale, start, end);
        }
        return x;
    }
}
