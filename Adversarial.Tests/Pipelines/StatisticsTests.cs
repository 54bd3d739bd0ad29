using MlNetAdversarial.Pipelines.Statistics;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class StatisticsTests
{
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
    // methods", Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score, no continuity correction).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void WilsonIntervalMatchesNewcombesPublishedValues(int successes, int trials, double low, double high)
    {
        var (actualLow, actualHigh) = WilsonInterval.Compute(successes, trials);
        Assert.Equal(low, actualLow, 4);
        Assert.Equal(high, actualHigh, 4);
    }

    [Fact]
    public void WilsonIntervalIsExactlyOneAtAllSuccessesAndContainsTheEstimate()
    {
        var (low, high) = WilsonInterval.Compute(20, 20);
        Assert.Equal(1.0, high);
        Assert.Equal(1 - 0.1611, low, 4);
        var (midLow, midHigh) = WilsonInterval.Compute(8510, 10000);
        Assert.InRange(0.851, midLow, midHigh);
    }

    [Fact]
    public void WilsonIntervalRejectsImpossibleCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(0, 0));
    }

    // Fagerland, Lydersen and Laake (2013), "The McNemar test for binary matched-pairs data: mid-p and
    // asymptotic are better than exact conditional", BMC Med Res Methodol 13:91: the airway
    // hyper-responsiveness example has discordant pairs 1 and 7, exact conditional p = 0.070
    // (= 2 * (1 + 8) / 2^8 = 0.0703125).
    [Fact]
    public void McNemarExactMatchesFagerlandsWorkedExample()
    {
        Assert.Equal(0.0703125, McNemarExact.TwoSided(1, 7), 12);
        Assert.Equal(0.0703125, McNemarExact.TwoSided(7, 1), 12);
        Assert.Equal(9.0 / 256, McNemarExact.OneSidedWorse(7, 1), 12);
        // P(X ≥ 1) for X ~ Binomial(8, 1/2) = 1 − 2^-8.
        Assert.Equal(1 - 1.0 / 256, McNemarExact.OneSidedWorse(1, 7), 12);
    }

    [Fact]
    public void McNemarWithNoDiscordantPairsGivesOne()
    {
        Assert.Equal(1, McNemarExact.TwoSided(0, 0));
        Assert.Equal(1, McNemarExact.OneSidedWorse(0, 0));
    }

    [Fact]
    public void McNemarKeepsTinyPValuesInLogSpace()
    {
        Assert.Equal(9000 * Math.Log10(0.5), McNemarExact.Log10OneSidedWorse(9000, 0), 6);
        Assert.Equal(0, McNemarExact.OneSidedWorse(9000, 0));
        // 2^-40 is representable: both routes must agree.
        Assert.Equal(1.0, McNemarExact.OneSidedWorse(40, 0) / Math.Pow(0.5, 40), 12);
    }

    [Fact]
    public void BinomialTailAgreesOnBothSidesOfTheMedian()
    {
        // P(X <= 7 | n = 10) = 1 - P(X <= 2) = 1 - (1 + 10 + 45) / 1024, summed via the symmetric branch.
        Assert.Equal(1 - 56.0 / 1024, Math.Exp(McNemarExact.LogLowerTail(7, 10)), 12);
        Assert.Equal(56.0 / 1024, Math.Exp(McNemarExact.LogLowerTail(2, 10)), 12);
    }
}
