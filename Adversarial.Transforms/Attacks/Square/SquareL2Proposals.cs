namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// The L2 branch of Square Attack (square.py): a start of opposite-signed ring patterns on a grid of h/5-pixel windows,
/// and proposals that put a fresh pattern in one window, move the budget of a second window into it, and rescale the
/// whole perturbation to ‖δ‖₂ = ε. Per image and on flat arrays; the authors draw positions and the pattern's transpose
/// once per batch, here once per image, which gives each image the same distribution and keeps it independent of its batch.
/// </summary>
internal static class SquareL2Proposals
{
    /// <summary>Writes the starting point of one image (<paramref name="clean"/>, C×H×W) into <paramref name="target"/>.</summary>
    public static void Initial(ReadOnlySpan<float> clean, Span<float> target, int channels, int height, int width, float epsilon, Random random)
    {
        var delta = new float[clean.Length];
        int side = Math.Max(height / 5, 1), start = (height - side * 5) / 2;
        for (int row = 0, top = start; row < height / side; row++, top += side)
        {
            for (int column = 0, left = start; column < width / side; column++, left += side)
            {
                float[] pattern = Eta(side, random);
                for (int c = 0; c < channels; c++)
                    AddWindow(delta, pattern, c, top, left, side, height, width, Sign(random));
            }
        }
        Rescaled(clean, delta, target, epsilon);
    }

    /// <summary>Writes one proposal from <paramref name="best"/> into <paramref name="target"/> at square fraction <paramref name="fraction"/>.</summary>
    public static void Propose(ReadOnlySpan<float> clean, ReadOnlySpan<float> best, Span<float> target, int channels, int height, int width,
        float epsilon, double fraction, Random random)
    {
        int plane = height * width;
        var delta = new float[clean.Length];
        for (int p = 0; p < delta.Length; p++)
            delta[p] = best[p] - clean[p];
        int side = Math.Max((int)Math.Round(Math.Sqrt(fraction * (channels * plane) / channels)), 3);
        side = Math.Min(side % 2 == 0 ? side + 1 : side, Math.Min(height, width));
        int top = SquareAttack.Position(height, side, random), left = SquareAttack.Position(width, side, random);
        int top2 = SquareAttack.Position(height, side, random), left2 = SquareAttack.Position(width, side, random);
        double imageNorm = Math.Sqrt(SumOfSquares(delta, 0, delta.Length));
        float[] pattern = Eta(side, random);
        var window = new float[side * side];
        for (int c = 0; c < channels; c++)
        {
            double first = 0, both = 0;
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double v = delta[c * plane + y * width + x], square = v * v;
                    bool inFirst = Inside(y, x, top, left, side), inSecond = Inside(y, x, top2, left2, side);
                    first += inFirst ? square : 0;
                    both += inFirst || inSecond ? square : 0;
                }
            }
            float sign = Sign(random);
            double windowNorm = 0;
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    double value = pattern[y * side + x] * sign + delta[c * plane + (top + y) * width + left + x] / (1e-12 + Math.Sqrt(first));
                    window[y * side + x] = (float)value;
                    windowNorm += value * value;
                }
            }
            double scale = Math.Sqrt(Math.Max(epsilon * (double)epsilon - imageNorm * imageNorm, 0) / channels + both) / (1e-12 + Math.Sqrt(windowNorm));
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    delta[c * plane + (top2 + y) * width + left2 + x] = 0;
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    delta[c * plane + (top + y) * width + left + x] = (float)(window[y * side + x] * scale);
        }
        Rescaled(clean, delta, target, epsilon);
    }

    /// <summary>square.py's eta: the upper half rings of +1/(k+1)², the lower half their negatives, unit norm, transposed with probability ½.</summary>
    internal static float[] Eta(int side, Random random)
    {
        var pattern = new float[side * side];
        int upper = side / 2;
        Rings(pattern, 0, upper, side, 1);
        Rings(pattern, upper, side - upper, side, -1);
        Normalize(pattern);
        if (random.NextDouble() > 0.5)
        {
            var transposed = new float[pattern.Length];
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    transposed[x * side + y] = pattern[y * side + x];
            pattern = transposed;
        }
        return pattern;
    }

    /// <summary>square.py's eta_rectangles: rows × columns of nested rectangles about the centre, weighted 1/(k+1)², unit norm.</summary>
    private static void Rings(float[] pattern, int firstRow, int rows, int columns, int sign)
    {
        var block = new double[rows * columns];
        int centreRow = rows / 2, centreColumn = columns / 2;
        for (int k = 0; k < Math.Max(centreRow + 1, centreColumn + 1); k++)
        {
            int top = centreRow - k, left = centreColumn - k;
            for (int y = Math.Max(top, 0); y < Math.Min(top + 2 * k + 1, rows); y++)
                for (int x = Math.Max(left, 0); x < Math.Min(left + 2 * k + 1, columns); x++)
                    block[y * columns + x] += 1.0 / ((k + 1) * (k + 1));
        }
        double norm = Math.Sqrt(block.Sum(v => v * v));
        for (int i = 0; i < block.Length; i++)
            pattern[(firstRow + i / columns) * columns + i % columns] = (float)(sign * block[i] / norm);
    }

    private static bool Inside(int y, int x, int top, int left, int side) => y >= top && y < top + side && x >= left && x < left + side;

    private static float Sign(Random random) => random.Next(2) == 0 ? -1f : 1f;

    private static void AddWindow(float[] delta, float[] pattern, int channel, int top, int left, int side, int height, int width, float sign)
    {
        // The authors' grid can run past the border (24×24 images); only the part inside counts.
        for (int y = 0; y < side && top + y < height; y++)
            for (int x = 0; x < side && left + x < width; x++)
                delta[(channel * height + top + y) * width + left + x] += pattern[y * side + x] * sign;
    }

    private static double SumOfSquares(float[] values, int start, int count)
    {
        double sum = 0;
        for (int i = start; i < start + count; i++)
            sum += values[i] * (double)values[i];
        return sum;
    }

    private static void Normalize(float[] values)
    {
        double norm = Math.Sqrt(SumOfSquares(values, 0, values.Length));
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(values[i] / norm);
    }

    /// <summary>clamp(clean + ε·δ/‖δ‖₂, 0, 1), as square.py's normalize does before every query.</summary>
    private static void Rescaled(ReadOnlySpan<float> clean, float[] delta, Span<float> target, float epsilon)
    {
        double scale = epsilon / (Math.Sqrt(SumOfSquares(delta, 0, delta.Length)) + 1e-12);
        for (int p = 0; p < delta.Length; p++)
            target[p] = Math.Clamp((float)(clean[p] + delta[p] * scale), 0f, 1f);
    }
}
