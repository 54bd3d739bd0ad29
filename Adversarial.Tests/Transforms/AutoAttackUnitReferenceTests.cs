using System.Runtime.InteropServices;
using System.Text.Json;
using MlNetAdversarial.Transforms.Attacks;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// AutoAttack's building blocks against the authors' own functions on random inputs (tools/autoattack_unit_fixtures.py,
/// committed as Fixtures/autoattack-units.json with the commit): FAB's L∞ and L2 projections, the DLR losses, Square's
/// L2 pattern; Square's p schedule against square.py's p_selection, rescaled or not, and its square positions; APGD's
/// step-size checkpoints.
/// </summary>
public sealed class AutoAttackUnitReferenceTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures",
        "autoattack-units.json"))).RootElement;

    [Theory]
    [InlineData("Linf")]
    [InlineData("L2")]
    public void FabProjectionGivesTheAuthorsProjection(string norm)
    {
        var row = Reference.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("norm").GetString() == norm);
        using var scope = NewDisposeScope();
        var d = FabProjection.Solve(Matrix(row.GetProperty("points")), Matrix(row.GetProperty("w")), Vector(row.GetProperty("b")),
            norm == "L2" ? PerturbationNorm.L2 : PerturbationNorm.Linf);
        double difference = (d - Matrix(row.GetProperty("d"))).abs().max().item<double>();
        Assert.True(difference < 1e-9, $"{norm}: ours differs from fab_projections.py by up to {difference}");
    }

    [Fact]
    public void TheDlrLossesAreTheAuthors()
    {
        var dlr = Reference.GetProperty("dlr");
        using var scope = NewDisposeScope();
        // Logits stand in for log-probabilities: the DLR losses take differences only.
        var logits = Matrix(dlr.GetProperty("logits"));
        var labels = tensor(dlr.GetProperty("labels").EnumerateArray().Select(l => l.GetInt64()).ToArray());
        var targets = tensor(dlr.GetProperty("targets").EnumerateArray().Select(l => l.GetInt64()).ToArray());
        Assert.True((ApgdLosses.Dlr(logits, labels) - Vector(dlr.GetProperty("loss"))).abs().max().item<double>() < 1e-12);
        Assert.True((ApgdLosses.TargetedDlr(logits, labels, targets) - Vector(dlr.GetProperty("targetedLoss"))).abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void SquareL2PatternIsTheAuthorsEta()
    {
        foreach (var row in Reference.GetProperty("squareEta").EnumerateArray())
        {
            int side = row.GetProperty("side").GetInt32();
            float[] ours = SquareL2Proposals.Eta(side, new NeverTranspose());
            double[] theirs = row.GetProperty("pattern").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(theirs.Length, ours.Length);
            Assert.All(theirs.Zip(ours), pair => Assert.Equal(pair.First, pair.Second, 6));
        }
    }

    [Theory]
    // square.py's p_selection: p_init until iteration 10, halved at 11, ... p/512 after 8,000 (of 10,000).
    [InlineData(5000, false, new[] { 0, 10, 11, 50, 51, 4000, 4001, 4999 }, new[] { 1, 1, 2, 2, 4, 64, 128, 128 })]
    // Rescaled to 5,000 iterations, the marks come twice as early.
    [InlineData(5000, true, new[] { 0, 5, 6, 25, 26, 2000, 2001, 4001, 4999 }, new[] { 1, 1, 2, 2, 4, 64, 128, 512, 512 })]
    public void SquareHalvesPOnTheAuthorsSchedule(int queries, bool rescale, int[] iterations, int[] divisors)
    {
        var square = new SquareAttack(new SquareAttackOptions { Queries = queries, RescaleSchedule = rescale, InitialFraction = 0.8 });
        Assert.Equal(divisors.Select(d => 0.8 / d), iterations.Select(square.Fraction));
    }

    [Fact]
    public void ApgdReconsidersItsStepSizeAtTheAuthorsCheckpoints()
    {
        // autopgd_base.py with n_iter 100: k = 22, shrinking by 3 to at least 6; the counter reaches k after iterations
        // 21, 40, 56, 69, 79, 86, 92 and 98 (0-based).
        Assert.Equal([(21, 22), (40, 19), (56, 16), (69, 13), (79, 10), (86, 7), (92, 6), (98, 6)], AutoPgd.Checkpoints(100));
        Assert.Equal([(0, 1), (1, 1), (2, 1)], AutoPgd.Checkpoints(3));
    }

    [Fact]
    public void SquarePositionsNeverTakeTheLastRowOrColumnLikeTheAuthorsRandomInt()
    {
        var random = new Random(0);
        var positions = Enumerable.Range(0, 2000).Select(_ => SquareAttack.Position(28, 5, random)).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 23), positions.Order());
        Assert.Equal(0, SquareAttack.Position(28, 28, random));
    }

    private static Tensor Matrix(JsonElement rows)
    {
        double[][] values = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return tensor(values.SelectMany(v => v).ToArray(), [values.Length, values[0].Length], ScalarType.Float64);
    }

    private static Tensor Vector(JsonElement values) => tensor(values.EnumerateArray().Select(v => v.GetDouble()).ToArray(), ScalarType.Float64);

    /// <summary>A generator whose coin never says "transpose" (square.py's torch.rand([1]) &gt; 0.5).</summary>
    private sealed class NeverTranspose : Random
    {
        public override double NextDouble() => 0;
    }
}
