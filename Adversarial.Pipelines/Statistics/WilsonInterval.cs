namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>
/// Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3): good
/// coverage even near 0 and 1, unlike the normal approximation.
/// </summary>
public static class WilsonInterval
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval for <paramref name="successes"/> out of <paramref name="trials"/>.</summary>
    public static (double Low, double High) Compute(long successes, long trials, double z = Z95)
    {
        if (trials <= 0)
            throw new ArgumentOutOfRangeException(nameof(trials), trials, "Need at least one trial.");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"Successes must be within 0..{trials}.");
        if (!double.IsFinite(z) || z <= 0)
            throw new ArgumentOutOfRangeException(nameof(z), z, "z must be positive.");

        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double spread = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double denominator = 1 + z2 / n;
        // Clamp only the rounding noise at the edges: at 0 and n successes the exact bounds are 0 and 1.
        double low = successes == 0 ? 0 : Math.Max(0, (centre - spread) / denominator);
        double high = successes == trials ? 1 : Math.Min(1, (centre + spread) / denominator);
        return (low, high);
    }
}
