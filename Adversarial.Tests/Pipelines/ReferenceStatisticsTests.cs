using System.Text.Json;
using MlNetAdversarial.Pipelines.Statistics;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>Our statistics against values computed once with scipy and statsmodels (tools/reference_statistics.py).</summary>
public sealed class ReferenceStatisticsTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "statistics-reference.json"))).RootElement;

    [Fact]
    public void WilsonIntervalsMatchStatsmodels()
    {
        foreach (var row in Reference.GetProperty("wilson").EnumerateArray())
        {
            var (low, high) = WilsonInterval.Compute(row.GetProperty("successes").GetInt64(), row.GetProperty("trials").GetInt64());
            Assert.Equal(row.GetProperty("low").GetDouble(), low, 12);
            Assert.Equal(row.GetProperty("high").GetDouble(), high, 12);
        }
    }

    [Fact]
    public void ExactMcNemarMatchesStatsmodelsAndScipy()
    {
        foreach (var row in Reference.GetProperty("mcnemar").EnumerateArray())
        {
            long b = row.GetProperty("b").GetInt64(), c = row.GetProperty("c").GetInt64();
            AssertRelative(row.GetProperty("twoSided").GetDouble(), McNemarExact.TwoSided(b, c), $"two-sided b={b} c={c}");
            AssertRelative(row.GetProperty("oneSidedWorse").GetDouble(), McNemarExact.OneSidedWorse(b, c), $"one-sided b={b} c={c}");
        }
    }

    [Fact]
    public void NewcombePairedIntervalMatchesTheReference()
    {
        foreach (var row in Reference.GetProperty("paired").EnumerateArray())
        {
            var (difference, low, high) = NewcombePairedInterval.Compute(row.GetProperty("a").GetInt64(), row.GetProperty("b").GetInt64(),
                row.GetProperty("c").GetInt64(), row.GetProperty("d").GetInt64());
            Assert.Equal(row.GetProperty("difference").GetDouble(), difference, 12);
            Assert.Equal(row.GetProperty("low").GetDouble(), low, 12);
            Assert.Equal(row.GetProperty("high").GetDouble(), high, 12);
            Assert.InRange(difference, low, high);
        }
    }

    [Fact]
    public void FisherExactMatchesScipy()
    {
        foreach (var row in Reference.GetProperty("fisherLower").EnumerateArray())
        {
            double p = FisherExact.OneSidedLower(row.GetProperty("successes1").GetInt64(), row.GetProperty("trials1").GetInt64(),
                row.GetProperty("successes2").GetInt64(), row.GetProperty("trials2").GetInt64());
            // Log factorials summed over 20,000 terms carry about 1e-10 of relative rounding.
            AssertRelative(row.GetProperty("p").GetDouble(), p, $"fisher {row}", 1e-8);
        }
    }

    [Fact]
    public void PerturbationNormsSummarizeEachImage()
    {
        using var norms = new PerturbationNormAccumulator();
        Assert.Null(norms.Summary);
        norms.Add([0f, 0.5f, 1f], [0.1f, 0.5f, 0.9f]);
        norms.Add([0f, 0f, 0f], [0f, 0f, 0f]);
        var summary = norms.Summary!;
        Assert.Equal(0.1, summary.LInfMax, 6);
        Assert.Equal(0.05, summary.LInfMean, 6);
        Assert.Equal(Math.Sqrt(0.02), summary.L2Max, 6);
        Assert.Equal(2, summary.L0Max);
        Assert.Equal(1, summary.L0Mean);
    }

    private static void AssertRelative(double expected, double actual, string what, double relative = 1e-10)
    {
        double tolerance = relative * Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected}, got {actual}");
    }
}
