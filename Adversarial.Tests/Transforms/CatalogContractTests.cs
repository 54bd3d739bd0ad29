using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.AttackTransform;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// In the spirit of ML.NET's TestEstimatorCore, over every estimator <see cref="AdversarialCatalog"/> offers:
/// valid input fits and transforms, the transformed schema is the one GetOutputSchema promised, and a
/// wrong column name, type or shape fails in Fit and in GetOutputSchema with the column, the expected
/// and the actual type.
/// </summary>
public sealed class CatalogContractTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private sealed class FloatLabelRow
    {
        [VectorType(1, 28, 28)]
        public float[] Image { get; set; } = new float[784];

        public float Label { get; set; }
    }

    /// <summary>Every catalog method, by name, with small settings (the contract, not the attack's strength, is under test).</summary>
    public static TheoryData<string> Estimators => new(Factories.Keys.Order());

    private static readonly Dictionary<string, (Func<MLContext, MlNetAdversarial.Transforms.Models.TorchImageClassifier, IEstimator<ITransformer>> Create, bool ReadsLabels)> Factories = new()
    {
        [nameof(AdversarialCatalog.FgsmAttack)] = ((ml, c) => ml.Transforms.FgsmAttack(AdversarialColumns.Adversarial, c, new() { Epsilon = 0.1 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.ScoreImages)] = ((ml, c) => ml.Transforms.ScoreImages(c), false),
        [nameof(AdversarialCatalog.FgsmSweep)] = ((ml, c) => ml.Transforms.FgsmSweep(c, [0, 0.1]), true),
        [nameof(AdversarialCatalog.AttackSweep)] = ((ml, c) => ml.Transforms.AttackSweep(c, new PgdAttack(new PgdAttackOptions { Steps = 2 }),
            new AttackSweepOptions { Budgets = [0, 0.1, 0.2] }), true),
        [nameof(AdversarialCatalog.Attack)] = ((ml, c) => ml.Transforms.Attack(AdversarialColumns.Adversarial, c, new FgsmAttack(new FgsmAttackOptions()),
            AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.BimAttack)] = ((ml, c) => ml.Transforms.BimAttack(AdversarialColumns.Adversarial, c, new BimAttackOptions { Steps = 2 },
            imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.PgdAttack)] = ((ml, c) => ml.Transforms.PgdAttack(AdversarialColumns.Adversarial, c, new PgdAttackOptions { Steps = 2 },
            imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.MiFgsmAttack)] = ((ml, c) => ml.Transforms.MiFgsmAttack(AdversarialColumns.Adversarial, c,
            new MiFgsmAttackOptions { Steps = 2 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.DeepFoolAttack)] = ((ml, c) => ml.Transforms.DeepFoolAttack(AdversarialColumns.Adversarial, c,
            new DeepFoolAttackOptions { Steps = 2 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.CarliniWagnerL2Attack)] = ((ml, c) => ml.Transforms.CarliniWagnerL2Attack(AdversarialColumns.Adversarial, c,
            new CarliniWagnerL2AttackOptions { BinarySearchSteps = 1, Steps = 2 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.HopSkipJumpAttack)] = ((ml, c) => ml.Transforms.HopSkipJumpAttack(AdversarialColumns.Adversarial, c,
            new HopSkipJumpAttackOptions { Iterations = 1, InitialEvaluations = 5, MaxEvaluations = 5, InitialTries = 2 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.SquareAttack)] = ((ml, c) => ml.Transforms.SquareAttack(AdversarialColumns.Adversarial, c,
            new SquareAttackOptions { Queries = 5 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.ApgdAttack)] = ((ml, c) => ml.Transforms.ApgdAttack(AdversarialColumns.Adversarial, c,
            new ApgdAttackOptions { Steps = 2 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.ApgdTargetedAttack)] = ((ml, c) => ml.Transforms.ApgdTargetedAttack(AdversarialColumns.Adversarial, c,
            new ApgdTargetedAttackOptions { Steps = 2, TargetClasses = 2 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.FabAttack)] = ((ml, c) => ml.Transforms.FabAttack(AdversarialColumns.Adversarial, c,
            new FabAttackOptions { Steps = 2, TargetClasses = 2 }, imageColumnName: AdversarialColumns.Image), true),
        [nameof(AdversarialCatalog.AutoAttack)] = ((ml, c) => ml.Transforms.AutoAttack(AdversarialColumns.Adversarial, c,
            new AutoAttackOptions { Epsilon = 0.1 }, imageColumnName: AdversarialColumns.Image), true),
    };

    [Fact]
    public void EveryRegisteredAttackHasACatalogMethodOfTheOneShape()
    {
        // (catalog, output column, classifier, the attack's options, settings, image column, label column, batch size).
        var shape = new[] { typeof(TransformsCatalog), typeof(string), typeof(MlNetAdversarial.Transforms.Models.TorchImageClassifier), null,
            typeof(AttackSettings), typeof(string), typeof(string), typeof(int) };
        foreach (var entry in AttackRegistry.All)
        {
            var methods = typeof(AdversarialCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.GetParameters() is { Length: > 3 } p && p[3].ParameterType == entry.OptionsType).ToArray();
            var method = Assert.Single(methods);
            Assert.Equal(shape.Select((t, i) => t ?? entry.OptionsType), method.GetParameters().Select(p => p.ParameterType));
            Assert.Equal(["catalog", "outputColumnName", "classifier", "options", "settings", "imageColumnName", "labelColumnName", "batchSize"],
                method.GetParameters().Select(p => p.Name));
            var estimator = (AttackEstimator)method.Invoke(null, [fixture.Ml.Transforms, "Adversarial", fixture.Classifier, null, null, "Image",
                AdversarialColumns.Label, 16])!;
            Assert.Same(entry, AttackRegistry.Of(estimator.Fit(fixture.Data).Attack));
        }
    }

    [Fact]
    public void EveryCatalogMethodHasAContractCase()
    {
        var methods = typeof(AdversarialCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).Distinct().Order();
        Assert.Equal(methods, Factories.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Estimators))]
    public void ValidInputFitsAndTransformsIntoThePromisedSchema(string name)
    {
        var estimator = Factories[name].Create(fixture.Ml, fixture.Classifier);
        var data = fixture.Ml.Data.TakeRows(fixture.Data, 16);
        var promised = estimator.GetOutputSchema(SchemaShapes.Of(data.Schema));
        var transformer = estimator.Fit(data);
        var transformed = transformer.Transform(data);
        Assert.Equal(promised.Select(c => c.Name).Order(), transformed.Schema.Select(c => c.Name).Order());
        foreach (var column in transformed.Schema)
        {
            Assert.True(SchemaShapes.TryFind(promised, column.Name, out var shape));
            Assert.Equal(shape.ItemType.RawType, (column.Type is VectorDataViewType vector ? vector.ItemType : column.Type).RawType);
            Assert.Equal(shape.IsKey, column.Type is KeyDataViewType);
        }
        Assert.Equal(transformer.GetOutputSchema(data.Schema).Select(c => (c.Name, c.Type)), transformed.Schema.Select(c => (c.Name, c.Type)));
        Assert.Equal(16, transformed.GetColumn<uint>(AdversarialColumns.Label).Count());
    }

    [Theory]
    [MemberData(nameof(Estimators))]
    public void AMissingImageColumnFailsInFitAndGetOutputSchema(string name)
    {
        var ml = fixture.Ml;
        var renamed = ml.Transforms.CopyColumns("Pixels", AdversarialColumns.Image).Append(ml.Transforms.DropColumns(AdversarialColumns.Image))
            .Fit(fixture.Data).Transform(fixture.Data);
        AssertBothFail(name, renamed, "'Image'", "not found", "Vector<Single, 1, 28, 28>");
    }

    [Theory]
    [MemberData(nameof(Estimators))]
    public void AScalarImageColumnFailsInFitAndGetOutputSchema(string name) =>
        AssertBothFail(name, fixture.Ml.Data.LoadFromEnumerable(new[] { new ScalarImageRow() }), "'Image'", "Single", "Vector<Single, 1, 28, 28>");

    [Theory]
    [MemberData(nameof(Estimators))]
    public void AnImageColumnOfTheWrongShapeFailsInFitAndInTheTransformersSchema(string name)
    {
        // SchemaShape carries no vector sizes, so the estimator's GetOutputSchema cannot see a wrong shape;
        // Fit and the transformer's GetOutputSchema (which see the DataViewSchema) must.
        var data = fixture.Ml.Data.LoadFromEnumerable(new[] { new FlatImageRow() });
        var estimator = Factories[name].Create(fixture.Ml, fixture.Classifier);
        var transformer = estimator.Fit(fixture.Data);
        foreach (var attempt in new Action[] { () => estimator.Fit(data), () => transformer.GetOutputSchema(data.Schema) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(attempt);
            Assert.Contains("'Image'", error.Message);
            Assert.Contains("Vector<Single, 10>", error.Message);
            Assert.Contains("Vector<Single, 1, 28, 28>", error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Estimators))]
    public void ALabelThatIsNotAKeyFailsWhereTheEstimatorReadsLabels(string name)
    {
        var data = fixture.Ml.Data.LoadFromEnumerable(new[] { new FloatLabelRow() });
        if (Factories[name].ReadsLabels)
            AssertBothFail(name, data, "'Label'", "Single", "Key<UInt32, 0-9>");
        else
            Assert.NotNull(Factories[name].Create(fixture.Ml, fixture.Classifier).Fit(data).Transform(data).Schema);
    }

    private void AssertBothFail(string name, IDataView data, params string[] fragments)
    {
        var estimator = Factories[name].Create(fixture.Ml, fixture.Classifier);
        foreach (var attempt in new Action[] { () => estimator.Fit(data), () => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(attempt);
            foreach (string fragment in fragments)
                Assert.Contains(fragment, error.Message);
        }
    }
}
