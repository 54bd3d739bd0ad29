using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.AttackTransform;

namespace MlNetAdversarial.Tests.Transforms;

public sealed class EstimatorContractTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private sealed class ImageOnlyRow
    {
        [VectorType(1, 28, 28)]
        public float[] Image { get; set; } = new float[784];
    }

    private sealed class ScoredImage
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }

        public uint Label { get; set; }
    }

    [Fact]
    public void ThrowsWhenImageColumnIsNotAVectorOfTheModelShape()
    {
        var data = fixture.Ml.Data.LoadFromEnumerable(new[] { new FlatImageRow() });
        var estimator = fixture.Ml.Transforms.FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = 0.1 }, imageColumnName: "Image");
        foreach (var attempt in new Action[]
                 {
                     () => estimator.Fit(data),
                     () => estimator.Fit(fixture.Data).GetOutputSchema(data.Schema),
                     () => estimator.Fit(fixture.Data).Transform(data),
                 })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(attempt);
            Assert.Contains("'Image'", error.Message);
            Assert.Contains("Vector<Single, 1, 28, 28>", error.Message);
            Assert.Contains("Vector<Single, 10>", error.Message);
        }
    }

    [Fact]
    public void ThrowsFromSchemaShapeWhenImageColumnIsNotAVector()
    {
        var data = fixture.Ml.Data.LoadFromEnumerable(new[] { new ScalarImageRow() });
        var shape = SchemaShapes.Of(data.Schema);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            fixture.Ml.Transforms.FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = 0.1 }, imageColumnName: "Image").GetOutputSchema(shape));
        Assert.Contains("'Image'", error.Message);
        Assert.Contains("Single", error.Message);
    }

    [Fact]
    public void ThrowsWhenLabelColumnIsMissing()
    {
        var data = fixture.Ml.Data.LoadFromEnumerable(new[] { new ImageOnlyRow() });
        var estimator = fixture.Ml.Transforms.FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = 0.1 }, imageColumnName: "Image");
        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)));
        foreach (var error in new[] { fit, shape })
        {
            Assert.Contains("'Label'", error.Message);
            Assert.Contains("Key<UInt32, 0-9>", error.Message);
        }
        // Scoring needs no label: the same data is fine for it.
        Assert.NotNull(fixture.Ml.Transforms.ScoreImages(fixture.Classifier).Fit(data));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ThrowsWhenEpsilonIsNegativeOrNotFinite(double epsilon)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => fixture.Ml.Transforms.FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = epsilon }));
    }

    [Fact]
    public void OutputSchemaShapeAddsTheAdversarialColumnAndKeepsTheOthers()
    {
        var shape = fixture.Ml.Transforms.FgsmAttack("Adversarial", fixture.Classifier, new() { Epsilon = 0.1 }, imageColumnName: "Image")
            .Append(fixture.Ml.Transforms.ScoreImages(fixture.Classifier, "Adversarial"))
            .GetOutputSchema(SchemaShapes.Of(fixture.Data.Schema));
        Assert.Equal(["Image", "Label", "Adversarial", "Score", "PredictedLabel"], shape.Select(c => c.Name).ToArray());
        var predicted = shape.Single(c => c.Name == "PredictedLabel");
        Assert.True(predicted.IsKey);
        Assert.Contains(predicted.Annotations, a => a.Name == "KeyValues");
    }

    [Fact]
    public void PreviewCreateEnumerableAndEvaluateWorkOnTheAttackedOutput()
    {
        var ml = fixture.Ml;
        var scoring = ml.Transforms.ScoreImages(fixture.Classifier);
        var clean = scoring.Fit(fixture.Data).Transform(fixture.Data);
        var attacked = ml.Transforms.FgsmAttack("Image", fixture.Classifier, new() { Epsilon = 0.25 })
            .Append(scoring).Fit(fixture.Data).Transform(fixture.Data);

        var preview = attacked.Preview(5);
        Assert.Equal(5, preview.RowView.Length);
        var rows = ml.Data.CreateEnumerable<ScoredImage>(attacked, reuseRowObject: false).ToArray();
        Assert.Equal(MnistModelFixture.Rows, rows.Length);
        Assert.All(rows, r => Assert.Equal(1f, r.Score.Sum(), 3));

        var cleanMetrics = ml.MulticlassClassification.Evaluate(clean);
        var attackedMetrics = ml.MulticlassClassification.Evaluate(attacked);
        Assert.True(cleanMetrics.MicroAccuracy > 0.95, $"clean accuracy {cleanMetrics.MicroAccuracy}");
        Assert.True(attackedMetrics.MicroAccuracy < cleanMetrics.MicroAccuracy - 0.3,
            $"attacked {attackedMetrics.MicroAccuracy} vs clean {cleanMetrics.MicroAccuracy}");
        Assert.True(attackedMetrics.LogLoss > cleanMetrics.LogLoss);
    }

    [Fact]
    public void PredictionEngineGivesTheSameAnswersAsTheBatchedPipeline()
    {
        var ml = fixture.Ml;
        var model = ml.Transforms.FgsmAttack("Image", fixture.Classifier, new() { Epsilon = 0.1 })
            .Append(ml.Transforms.ScoreImages(fixture.Classifier)).Fit(fixture.Data);
        Assert.True(((ITransformer)model).IsRowToRowMapper);
        var batched = ml.Data.CreateEnumerable<ScoredImage>(model.Transform(fixture.Data), reuseRowObject: false).Take(20).ToArray();

        var inputDefinition = SchemaDefinition.Create(typeof(LabeledImage));
        inputDefinition[nameof(LabeledImage.Label)].ColumnType = new KeyDataViewType(typeof(uint), 10);
        inputDefinition[nameof(LabeledImage.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, 28, 28);
        using var engine = ml.Model.CreatePredictionEngine<LabeledImage, ScoredImage>(model, inputSchemaDefinition: inputDefinition);
        var inputs = ml.Data.CreateEnumerable<LabeledImage>(fixture.Data, reuseRowObject: false).Take(20).ToArray();
        for (int i = 0; i < inputs.Length; i++)
        {
            // CreateEnumerable hands out raw keys (1-based); a key column bound through a schema
            // definition reads the field as a 0-based index (measured with ML.NET 5.0.1).
            inputs[i].Label -= 1;
            var single = engine.Predict(inputs[i]);
            Assert.Equal(batched[i].PredictedLabel, single.PredictedLabel);
            // A batch of one may round differently from a batch of 256 in the last bits of a probability.
            Assert.All(batched[i].Score.Zip(single.Score), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));
        }
    }

    [Fact]
    public void SavingWithModelSaveExplainsWhyItIsNotSupported()
    {
        var model = fixture.Ml.Transforms.FgsmAttack("Image", fixture.Classifier, new() { Epsilon = 0.1 }).Fit(fixture.Data);
        using var stream = new MemoryStream();
        var error = Assert.ThrowsAny<Exception>(() => fixture.Ml.Model.Save(model, fixture.Data.Schema, stream));
        Assert.Contains(nameof(AttackTransformer), error.ToString());
    }

    public sealed class LabeledImage
    {
        public float[] Image { get; set; } = [];

        public uint Label { get; set; }
    }
}
