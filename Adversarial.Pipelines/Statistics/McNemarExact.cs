namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>
/// Exact McNemar test on paired binary outcomes: conditional on the n = b + c discordant pairs, b is
/// Binomial(n, 1/2) under the null of equal accuracy. b = pairs correct before and wrong after,
/// c = wrong before and correct after.
/// </summary>
public static class McNemarExact
{
    /// <summary>Two-sided p-value: min(1, 2·P(X ≤ min(b, c))).</summary>
    public static double TwoSided(long b, long c) => Math.Min(1, 2 * Math.Exp(LogLowerTail(Math.Min(b, c), b + c)));

    /// <summary>One-sided p-value of "accuracy after is lower": P(X ≥ b) = P(X ≤ c).</summary>
    public static double OneSidedWorse(long b, long c) => Math.Exp(LogLowerTail(c, b + c));

    /// <summary>log10 of <see cref="OneSidedWorse"/>, finite where the p-value underflows a double.</summary>
    public static double Log10OneSidedWorse(long b, long c) => LogLowerTail(c, b + c) / Math.Log(10);

    /// <summary>ln P(X ≤ k) for X ~ Binomial(n, 1/2), summed in log space so tiny tails stay exact.</summary>
    public static double LogLowerTail(long k, long n)
    {
        if (n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(n), $"Counts must be non-negative (k = {k}, n = {n}).");
        if (k >= n)
            return 0;
        // Symmetry: P(X ≤ k) = 1 − P(X ≤ n − k − 1); sum the short side to keep the series short and exact.
        if (2 * k > n)
            return Math.Log(-double.ExpM1(LogLowerTail(n - k - 1, n)));
        double logTerm = n * Math.Log(0.5); // ln P(X = 0)
        double logSum = logTerm;
        for (long i = 1; i <= k; i++)
        {
            logTerm += Math.Log((double)(n - i + 1) / i);
            logSum = LogAdd(logSum, logTerm);
        }
        return logSum;
    }

    private static double LogAdd(double a, double b)
    {
        double max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
