using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Attacks;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// HopSkipJump against its authors' code (Jianbo-Lab/HSJA, run by tools/hopskipjump_reference.py on our LeNet, three seeds,
/// committed with the commit as Fixtures/hopskipjump-reference.json): on the same 100 MNIST test images with the same
/// iterations and evaluation counts, per image, ours is on average as close to each of their runs as their runs are to each
/// other (the mean over images of |log(d_a / d_b)| for distances d), and the label queries per image match theirs within 2%.
/// The defaults are hsja.py's.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class HopSkipJumpReferenceTests(MnistModelFixture fixture, ITestOutputHelper output) : IClassFixture<MnistModelFixture>
{
    [Fact]
    public void TheDefaultsAreTheAuthors()
    {
        var defaults = new HopSkipJumpAttackOptions();
        Assert.Equal((40, 100, 10000, 10000, 1.0), (defaults.Iterations, defaults.InitialEvaluations, defaults.MaxEvaluations, defaults.InitialTries, defaults.Gamma));
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("linf")]
    public void PerImageDistancesAndQueriesMatchTheAuthorsCode(string norm)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "hopskipjump-reference.json")));
        var root = document.RootElement;
        var runs = root.GetProperty("runs").EnumerateArray().Where(r => r.GetProperty("norm").GetString() == norm).ToArray();
        double[][] theirs = [.. runs.Select(r => r.GetProperty("distances").EnumerateArray().Select(d => d.GetDouble()).ToArray())];
        double theirQueries = Median(runs[0].GetProperty("queries").EnumerateArray().Select(q => q.GetDouble()).ToArray());
        long[] rows = [.. root.GetProperty("attacked").EnumerateArray().Select(r => r.GetInt64())];
        var options = new HopSkipJumpAttackOptions
        {
            Epsilon = 1000, Norm = norm == "l2" ? PerturbationNorm.L2 : PerturbationNorm.Linf, Iterations = root.GetProperty("iterations").GetInt32(),
            InitialEvaluations = root.GetProperty("initialEvaluations").GetInt32(), MaxEvaluations = root.GetProperty("maxEvaluations").GetInt32(),
        };
        var (ours, queries) = Attack(new HopSkipJumpAttack(options, AttackSettings.Default with { EarlyStop = false }), rows, options.Norm);
        double spread = theirs.SelectMany((a, i) => theirs.Skip(i + 1).Select(b => Distance(a, b))).Max();
        double mean = theirs.Average(t => Distance(ours, t));
        output.WriteLine($"{norm}: per-image mean |log ratio| ours to theirs {mean:0.###}, their seeds to each other up to {spread:0.###}; "
            + $"median distance ours {Median(ours):0.###}, theirs {string.Join("/", theirs.Select(t => Median(t).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.True(mean <= spread, $"{norm}: ours differs from theirs by {mean:0.###} per image, their seeds by up to {spread:0.###}");
        Assert.InRange(Median(queries), theirQueries * 0.98, theirQueries * 1.02);
    }

    private static double Distance(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(Math.Log(x / y))).Average();

    private (double[] Distances, double[] Queries) Attack(IAttack attack, long[] rows, PerturbationNorm norm)
    {
        var data = fixture.Ml.Data.TakeRows(fixture.Data, (int)rows.Max() + 1);
        var pixels = data.GetColumn<float[]>("Image").ToArray();
        var labels = data.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray();
        using var scope = NewDisposeScope();
        var images = tensor(rows.SelectMany(r => pixels[r]).ToArray(), [rows.Length, 1, 28, 28]);
        var result = AttackRunner.Run(attack, fixture.Classifier, images, tensor(rows.Select(r => labels[r]).ToArray()), rows);
        var delta = (result.Adversarial - images).flatten(1);
        var distance = norm == PerturbationNorm.L2 ? delta.square().sum(1).sqrt() : delta.abs().max(1).values;
        return (MemoryMarshal.Cast<byte, float>(distance.contiguous().bytes).ToArray().Select(d => (double)d).ToArray(),
            result.Queries!.Select(q => (double)q).ToArray());
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
