using System.Globalization;
using System.Text;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Statistics;

namespace MlNetAdversarial.Pipelines.Regression;

/// <summary>
/// Regression checks on metric drops, for xunit or any test framework: fails (throws) when accuracy at
/// some ε is statistically significantly lower than the baseline's — a one-sided Fisher exact test per ε
/// (the two runs are independent samples), with a Bonferroni correction over the ε tested.
/// </summary>
public static class RobustnessAssert
{
    /// <summary>Default significance level for the whole comparison.</summary>
    public const double DefaultAlpha = 0.01;

    /// <summary>Throws <see cref="RobustnessRegressionException"/> on a significant drop at any ε.</summary>
    /// <param name="current">The fresh sweep.</param>
    /// <param name="baseline">The committed baseline.</param>
    /// <param name="alpha">Family-wise significance level.</param>
    /// <param name="checkClean">Also fail when clean accuracy (ε = 0) drops significantly.</param>
    public static void NotLessRobust(SweepResult current, RobustnessBaseline baseline, double alpha = DefaultAlpha, bool checkClean = true)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        if (current.Dataset != baseline.Dataset || current.Attack != baseline.Attack)
            throw new ArgumentException($"The sweep ({current.Dataset}, {current.Attack}) does not match the baseline ({baseline.Dataset}, {baseline.Attack}).");
        var rows = baseline.Epsilons
            .Where(b => checkClean || b.Epsilon is not 0)
            .Select(b => (Baseline: b, Current: current.Epsilons.FirstOrDefault(r => r.Epsilon == b.Epsilon)
                ?? throw new ArgumentException($"The sweep has no ε = {b.Epsilon} that the baseline has.")))
            .ToArray();
        double perTest = alpha / rows.Length;
        var table = new StringBuilder();
        bool failed = false;
        table.AppendLine(CultureInfo.InvariantCulture, $"Robustness regression check: {current.Dataset}, {current.Attack}; one-sided Fisher exact test per ε at α = {alpha} / {rows.Length} (Bonferroni).");
        table.AppendLine(CultureInfo.InvariantCulture, $"Model now {Short(current.ModelSha256)}, baseline {Short(baseline.ModelSha256)}.");
        table.AppendLine("| ε | baseline | now | p (now lower) | verdict |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var (b, c) in rows)
        {
            double p = FisherExact.OneSidedLower(c.Correct, c.Total, b.Correct, b.Total);
            bool worse = p < perTest;
            failed |= worse;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {b.Epsilon?.ToString("0.####", CultureInfo.InvariantCulture) ?? "minimal"} | {b.Correct} / {b.Total} = {b.Accuracy:0.0000} | {c.Correct} / {c.Total} = {c.Accuracy:0.0000} | {p:0.###e+00} | {(worse ? "SIGNIFICANTLY LOWER" : "ok")} |");
        }
        if (failed)
            throw new RobustnessRegressionException(table.ToString());
    }

    /// <summary>
    /// The two-model form: throws <see cref="RobustnessRegressionException"/> when model B is significantly less robust
    /// than model A at some ε of <paramref name="comparison"/> — a one-sided exact McNemar test on the paired per-image
    /// outcomes (the same images attacked on each model), Bonferroni-corrected over the ε tested.
    /// </summary>
    /// <param name="comparison">From <see cref="ModelComparisonRunner.Run"/>.</param>
    /// <param name="alpha">Family-wise significance level.</param>
    /// <param name="checkClean">Also fail when B's clean accuracy (ε = 0) is significantly lower.</param>
    public static void NotLessRobustThan(ModelComparison comparison, double alpha = DefaultAlpha, bool checkClean = true)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        var rows = comparison.Rows.Where(r => checkClean || r.Epsilon != 0).ToArray();
        if (rows.Length == 0)
            throw new ArgumentException("The comparison has no ε to test.", nameof(comparison));
        double perTest = alpha / rows.Length;
        var inv = CultureInfo.InvariantCulture;
        var table = new StringBuilder();
        table.AppendLine(inv, $"Model comparison: is B ({comparison.ModelB}, {Short(comparison.ModelBSha256)}) less robust than A ({comparison.ModelA}, {Short(comparison.ModelASha256)})?");
        table.AppendLine(inv, $"{comparison.Dataset}, {comparison.Attack}; one-sided exact McNemar per ε on paired outcomes at α = {alpha} / {rows.Length} (Bonferroni).");
        table.AppendLine("| ε | A | B | only A / only B | A − B (95% CI, Newcombe) | p (B lower) | verdict |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        bool failed = false;
        foreach (var r in rows)
        {
            bool worse = r.McNemarBLowerP < perTest;
            failed |= worse;
            table.AppendLine(inv, $"| {r.Epsilon:0.####} | {r.CorrectA} / {r.Total} | {r.CorrectB} / {r.Total} | {r.OnlyA} / {r.OnlyB} | "
                + $"{r.Difference:+0.0000;-0.0000;0.0000} [{r.DifferenceCi95Low:0.0000}, {r.DifferenceCi95High:0.0000}] | {r.McNemarBLowerP:0.###e+00} | {(worse ? "SIGNIFICANTLY LESS ROBUST" : "ok")} |");
        }
        if (failed)
            throw new RobustnessRegressionException(table.ToString());
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
