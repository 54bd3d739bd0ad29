namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>
/// Confidence interval for the difference of two paired proportions by Newcombe's method 10
/// (Newcombe 1998, "Improved confidence intervals for the difference between binomial proportions
/// based on paired data", Statistics in Medicine 17:2635-2650): the Wilson score intervals of both
/// proportions, combined with the correlation φ of the paired outcomes. Here: accuracy before minus
/// accuracy after, on the same images.
/// </summary>
public static class NewcombePairedInterval
{
    /// <summary>The interval for p1 − p2 with p1 = (a + b) / n and p2 = (a + c) / n.</summary>
    /// <param name="a">Pairs correct before and after.</param>
    /// <param name="b">Pairs correct before, wrong after.</param>
    /// <param name="c">Pairs wrong before, correct after.</param>
    /// <param name="d">Pairs wrong before and after.</param>
    /// <param name="z">Normal quantile (1.96 for 95%).</param>
    public static (double Difference, double Low, double High) Compute(long a, long b, long c, long d, double z = WilsonInterval.Z95)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
            throw new ArgumentOutOfRangeException(nameof(a), "Cell counts must be non-negative.");
        long n = a + b + c + d;
        if (n == 0)
            throw new ArgumentOutOfRangeException(nameof(a), "Need at least one pair.");
        double p1 = (double)(a + b) / n;
        double p2 = (double)(a + c) / n;
        var (l1, u1) = WilsonInterval.Compute(a + b, n, z);
        var (l2, u2) = WilsonInterval.Compute(a + c, n, z);
        double phi = Phi(a, b, c, d);
        double difference = p1 - p2;
        double lowSpread = Math.Sqrt(Math.Max(0, Square(p1 - l1) - 2 * phi * (p1 - l1) * (u2 - p2) + Square(u2 - p2)));
        double highSpread = Math.Sqrt(Math.Max(0, Square(u1 - p1) - 2 * phi * (u1 - p1) * (p2 - l2) + Square(p2 - l2)));
        return (difference, Math.Max(-1, difference - lowSpread), Math.Min(1, difference + highSpread));
    }

    /// <summary>φ of the 2×2 table; 0 where a margin is empty (Newcombe's convention).</summary>
    private static double Phi(long a, long b, long c, long d)
    {
        double denominator = Math.Sqrt((double)(a + b) * (c + d) * (a + c) * (b + d));
        return denominator == 0 ? 0 : ((double)a * d - (double)b * c) / denominator;
    }

    private static double Square(double x) => x * x;
}
