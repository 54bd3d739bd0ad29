using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;

namespace MlNetAdversarial.Tests.Transforms;

public sealed class FgsmInvariantTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    public void AdversarialImagesStayWithinEpsilonAndThePixelRange(double epsilon)
    {
        var (clean, adversarial) = Attack(epsilon, batchSize: 256);
        double largestChange = 0;
        int changed = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            for (int p = 0; p < clean[i].Length; p++)
            {
                Assert.InRange(adversarial[i][p], 0f, 1f);
                largestChange = Math.Max(largestChange, Math.Abs(adversarial[i][p] - clean[i][p]));
                changed += adversarial[i][p] != clean[i][p] ? 1 : 0;
            }
        }
        Assert.True(largestChange <= epsilon + 1e-6, $"‖x' − x‖∞ = {largestChange} exceeds ε = {epsilon}");
        Assert.True(largestChange >= epsilon - 1e-6, "no pixel moved by the full ε: the attack did nothing");
        Assert.True(changed > clean.Length * 50, $"only {changed} pixels changed");
    }

    [Fact]
    public void EpsilonZeroLeavesImagesUnchanged()
    {
        var (clean, adversarial) = Attack(0, batchSize: 256);
        for (int i = 0; i < clean.Length; i++)
            Assert.Equal(clean[i], adversarial[i]);
    }

    [Fact]
    public void ResultsAreIdenticalForBatchSizes1And7And256()
    {
        var (_, reference) = Attack(0.1, batchSize: 256);
        foreach (int batchSize in new[] { 1, 7 })
        {
            var (_, adversarial) = Attack(0.1, batchSize);
            for (int i = 0; i < reference.Length; i++)
                Assert.Equal(reference[i], adversarial[i]);
        }
    }

    [Fact]
    public void ReplacingTheImageColumnInPlaceHidesTheCleanImage()
    {
        var transformed = fixture.Ml.Transforms.FgsmAttack("Image", fixture.Classifier, new() { Epsilon = 0.2 }).Fit(fixture.Data).Transform(fixture.Data);
        Assert.Equal(2, transformed.Schema.Count(c => c.Name == "Image"));
        Assert.True(transformed.Schema[0].IsHidden);
        var (clean, adversarial) = Attack(0.2, batchSize: 256);
        var inPlace = transformed.GetColumn<float[]>("Image").ToArray();
        for (int i = 0; i < clean.Length; i++)
            Assert.Equal(adversarial[i], inPlace[i]);
    }

    [Fact]
    public void PassThroughColumnsKeepTheirRowsAcrossBatches()
    {
        var ml = fixture.Ml;
        var withDigit = ml.Transforms.Conversion.MapKeyToValue("Digit", "Label").Fit(fixture.Data).Transform(fixture.Data);
        var expected = withDigit.GetColumn<ReadOnlyMemory<char>>("Digit").Select(d => d.ToString()).ToArray();
        var attacked = ml.Transforms.FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = 0.1 }, imageColumnName: "Image", batchSize: 7)
            .Fit(withDigit).Transform(withDigit);
        Assert.Equal(expected, attacked.GetColumn<ReadOnlyMemory<char>>("Digit").Select(d => d.ToString()).ToArray());
    }

    [Fact]
    public void TransformIsLazyAndComputesOnlyRequestedColumns()
    {
        var attacked = fixture.Ml.Transforms.FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = 0.1 }, imageColumnName: "Image")
            .Fit(fixture.Data).Transform(fixture.Data);
        // Reading only the label must not need (or run) the attack.
        Assert.Equal(MnistModelFixture.Rows, attacked.GetColumn<uint>("Label").Count());
    }

    private (float[][] Clean, float[][] Adversarial) Attack(double epsilon, int batchSize)
    {
        var transformed = fixture.Ml.Transforms
            .FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = epsilon }, imageColumnName: "Image", batchSize: batchSize)
            .Fit(fixture.Data).Transform(fixture.Data);
        using var cursor = transformed.GetRowCursor(transformed.Schema);
        var cleanGetter = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(transformed.Schema["Image"]);
        var adversarialGetter = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(transformed.Schema["Adversarial"]);
        var clean = new List<float[]>();
        var adversarial = new List<float[]>();
        Microsoft.ML.Data.VBuffer<float> value = default;
        while (cursor.MoveNext())
        {
            cleanGetter(ref value);
            clean.Add(value.DenseValues().ToArray());
            adversarialGetter(ref value);
            adversarial.Add(value.DenseValues().ToArray());
        }
        return (clean.ToArray(), adversarial.ToArray());
    }
}
