using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>
/// Resize along one axis as ONNX's reference computes it: each output index maps to a coordinate of the input
/// (the coordinate_transformation_mode), whose nearest, linear (2) or cubic (4) neighbours, clamped to the edge, are
/// weighted. The weights are fixed numbers of the shapes, so the result is a weighted sum of gathered input
/// slices and gradients flow to the input.
/// </summary>
internal sealed record OnnxResampling(string Mode, string CoordinateMode, string NearestMode, double CubicA, bool ExcludeOutside, double Extrapolation)
{
    /// <summary>The input resampled along <paramref name="axis"/> to <paramref name="outputSize"/> elements.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axis">The axis resampled.</param>
    /// <param name="outputSize">Its length in the output.</param>
    /// <param name="scale">The axis's scale (output/input where sizes were given).</param>
    /// <param name="roiStart">tf_crop_and_resize's crop start on this axis, as a fraction of it.</param>
    /// <param name="roiEnd">The crop's end.</param>
    public Tensor Along(Tensor x, long axis, long outputSize, double scale, double roiStart, double roiEnd)
    {
        long inputSize = x.shape[axis];
        int taps = Mode switch { "nearest" => 1, "linear" => 2, _ => 4 };
        var indices = new long[taps, outputSize];
        var weights = new double[taps, outputSize];
        var inside = new bool[outputSize];
        for (long i = 0; i < outputSize; i++)
        {
            double source = SourceCoordinate(i, inputSize, scale, roiStart, roiEnd);
            inside[i] = CoordinateMode != "tf_crop_and_resize" || source >= 0 && source <= inputSize - 1;
            // The left neighbour is below the coordinate, never on it: ratio lies in (0, 1], as in ONNX's reference.
            long left = (long)Math.Ceiling(source) - 1;
            double ratio = source - left;
            if (taps == 1)
            {
                indices[0, i] = Math.Clamp(RoundsUp(ratio) ? left + 1 : left, 0, inputSize - 1);
                weights[0, i] = 1;
                continue;
            }
            double[] coefficients = taps == 2 ? [1 - ratio, ratio] : Cubic(ratio);
            long first = taps == 2 ? left : left - 1;
            double total = 0;
            for (int k = 0; k < taps; k++)
            {
                long index = first + k;
                if (ExcludeOutside && (index < 0 || index >= inputSize))
                    coefficients[k] = 0;
                total += coefficients[k];
                indices[k, i] = Math.Clamp(index, 0, inputSize - 1);
            }
            for (int k = 0; k < taps; k++)
                weights[k, i] = ExcludeOutside ? coefficients[k] / total : coefficients[k];
        }
        long[] along = [.. Enumerable.Repeat(1L, (int)axis), outputSize, .. Enumerable.Repeat(1L, (int)(x.dim() - axis - 1))];
        Tensor? result = null;
        for (int k = 0; k < taps; k++)
        {
            var picked = x.index_select(axis, tensor(Row(indices, k), device: x.device));
            if (taps > 1)
                picked = picked * tensor(Row(weights, k), device: x.device).to_type(x.dtype).reshape(along);
            result = result is null ? picked : result.Plus(picked);
        }
        if (inside.All(v => v))
            return result!;
        var mask = tensor(inside, device: x.device).reshape(along);
        return where(mask, result!, full_like(result!, Scalars.Of(Extrapolation)));
    }

    private static T[] Row<T>(T[,] values, int row) => Enumerable.Range(0, values.GetLength(1)).Select(i => values[row, i]).ToArray();

    /// <summary>Where output index <paramref name="i"/> lies on the input axis (ONNX's coordinate_transformation_mode).</summary>
    private double SourceCoordinate(long i, long inputSize, double scale, double roiStart, double roiEnd)
    {
        // The reference uses the unrounded output length (scale × input) here, not the element count.
        double outputLength = scale * inputSize;
        return CoordinateMode switch
        {
            "align_corners" => outputLength == 1 ? 0 : i * (inputSize - 1) / (outputLength - 1),
            "asymmetric" => i / scale,
            "pytorch_half_pixel" => outputLength == 1 ? -0.5 : (i + 0.5) / scale - 0.5,
            "tf_half_pixel_for_nn" => (i + 0.5) / scale,
            "tf_crop_and_resize" => roiStart * (inputSize - 1)
                + (outputLength == 1 ? (roiEnd - roiStart) * (inputSize - 1) / 2 : i * (roiEnd - roiStart) * (inputSize - 1) / (outputLength - 1)),
            _ => (i + 0.5) / scale - 0.5,
        };
    }

    /// <summary>Whether nearest picks the right neighbour at this ratio (1 means the coordinate is that neighbour).</summary>
    private bool RoundsUp(double ratio) => ratio == 1 || NearestMode switch
    {
        "round_prefer_ceil" => ratio >= 0.5,
        "floor" => false,
        "ceil" => true,
        _ => ratio > 0.5,
    };

    private double[] Cubic(double ratio)
    {
        double a = CubicA, r = ratio, s = 1 - ratio;
        return
        [
            ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
            ((a + 2) * r - (a + 3)) * r * r + 1,
            ((a + 2) * s - (a + 3)) * s * s + 1,
            ((a * (s + 1) - 5 * a) * (s + 1) + 8 * a) * (s + 1) - 4 * a,
        ];
    }
}
