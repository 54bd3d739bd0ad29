namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>
/// One-sided Fisher exact test for two independent proportions: p = P(X ≤ x₁) under the hypergeometric
/// law of the 2×2 table with fixed margins, i.e. the chance that the first group does this badly or
/// worse if both have the same success rate. Summed in log space.
/// </summary>
public static class FisherExact
{
    /// <summary>p-value of "the first proportion is lower than the second".</summary>
    public static double OneSidedLower(long successes1, long trials1, long successes2, long trials2)
    {
        if (trials1 <= 0 || trials2 <= 0 || successes1 < 0 || successes2 < 0 || successes1 > trials1 || successes2 > trials2)
            throw new ArgumentOutOfRangeException(nameof(successes1), $"Invalid counts {successes1}/{trials1} and {successes2}/{trials2}.");
        long n = trials1 + trials2, k = successes1 + successes2;
        long low = Math.Max(0, k - trials2);
        // log P(X = low), then the hypergeometric ratio P(x + 1) / P(x) step by step.
        double logTerm = LogChoose(trials1, low) + LogChoose(trials2, k - low) - LogChoose(n, k);
        double logSum = logTerm;
        for (long x = low; x < successes1; x++)
        {
            logTerm += Math.Log((double)(trials1 - x) * (k - x) / ((double)(x + 1) * (trials2 - k + x + 1)));
            double max = Math.Max(logSum, logTerm);
            logSum = max + Math.Log(Math.Exp(logSum - max) + Math.Exp(logTerm - max));
        }
        return Math.Min(1, Math.Exp(logSum));
    }

    private static double LogChoose(long n, long k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(long n)
    {
        double sum = 0;
        for (long i = 2; i <= n; i++)
            sum += Math.Log(i);
        return sum;
    }
}
