using System.CommandLine;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Cli;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Persistence;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>
/// Every attack of <see cref="AttackRegistry"/> — so also the next one registered — runs through the ML.NET
/// transform, the sweep, the command line and a saved pipeline, with small iteration counts.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class RegisteredAttackTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private const int Images = 16;

    // Small enough to be quick; any option record property of these names is set.
    private static readonly Dictionary<string, int> Quick = new() { ["Steps"] = 2, ["Queries"] = 5, ["BinarySearchSteps"] = 1 };

    public static TheoryData<string> Names => new(AttackRegistry.All.Select(a => a.Name));

    private static IAttack Create(AttackDescriptor descriptor, AttackSettings? settings = null)
    {
        var overrides = descriptor.TunableOptions.Where(p => Quick.ContainsKey(p.Name))
            .ToDictionary(p => p.Name, p => (object?)Quick[p.Name]);
        var attack = descriptor.Create(overrides, settings ?? AttackSettings.Default);
        return attack.Budget is null ? attack : attack.WithBudget(0.2);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RunsAsATransformWithinItsBudgetAndPixelRange(string name)
    {
        var descriptor = AttackRegistry.All.Get(name);
        var attack = Create(descriptor);
        Assert.Equal(name, attack.Name);
        Assert.Same(descriptor, AttackRegistry.Of(attack));
        var data = fixture.Ml.Data.TakeRows(fixture.Data, Images);
        var attacked = fixture.Ml.Transforms.Attack(AdversarialColumns.Adversarial, fixture.Classifier, attack, AdversarialColumns.Image)
            .Fit(data).Transform(data);
        var clean = attacked.GetColumn<float[]>(AdversarialColumns.Image).ToArray();
        var adversarial = attacked.GetColumn<float[]>(AdversarialColumns.Adversarial).ToArray();
        Assert.Equal(Images, adversarial.Length);
        for (int i = 0; i < Images; i++)
        {
            Assert.All(adversarial[i], p => Assert.InRange(p, 0f, 1f));
            var delta = clean[i].Zip(adversarial[i], (a, b) => (double)b - a).ToArray();
            double size = attack.Norm == PerturbationNorm.L2 ? Math.Sqrt(delta.Sum(d => d * d)) : delta.Max(Math.Abs);
            if (attack.Budget is { } budget)
                Assert.True(size <= budget + 1e-5, $"{name}: perturbation {size} over budget {budget}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RunsThroughTheSweepWithTheSameReportFieldsAsEveryOther(string name)
    {
        var attack = Create(AttackRegistry.All.Get(name));
        var data = fixture.Ml.Data.TakeRows(fixture.Data, Images);
        var result = AttackSweepRunner.Run(fixture.Ml, fixture.Classifier, data, new SweepRequest("mnist", [0.1, 0.2]), attack);
        Assert.Equal(name, result.Attack);
        Assert.NotNull(result.AttackParameters);
        Assert.NotNull(result.Warnings);
        Assert.Equal(attack.Budget is null ? 2 : 3, result.Epsilons.Count);
        Assert.Null(result.Epsilons[0].Norms);
        Assert.All(result.Epsilons.Skip(1), row =>
        {
            Assert.NotNull(row.Norms);
            Assert.Equal(10, row.PerClass.Count);
            Assert.True(row.Correct <= result.Epsilons[0].Correct + row.WrongToCorrect);
        });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void RunsFromTheCommandLine(string name)
    {
        var descriptor = AttackRegistry.All.Get(name);
        using var folder = new TempFolder();
        var options = descriptor.TunableOptions.Where(p => Quick.ContainsKey(p.Name))
            .SelectMany(p => new[] { AttackCliOptions.OptionName(p.Name), $"{Quick[p.Name]}" });
        string json = folder.File("sweep.json");
        Assert.Equal(0, new RootCommand { SweepCommand.Create() }.Parse(
            ["sweep", "--dataset", "mnist", "--limit", $"{Images}", .. descriptor.BudgetKind == AttackBudgetKind.Bounded ? new[] { "--epsilons", "0.2" } : [],
                "--attack", name, .. options, "--json", json]).Invoke());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(name, document.RootElement.GetProperty("attack").GetString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ASavedPipelineRebuildsItToIdenticalImages(string name)
    {
        var ml = fixture.Ml;
        var data = ml.Data.TakeRows(fixture.Data, Images);
        var attack = Create(AttackRegistry.All.Get(name), AttackSettings.Default with { Seed = 3 });
        var model = ml.Transforms.Attack(AdversarialColumns.Adversarial, fixture.Classifier, attack, AdversarialColumns.Image).Fit(data);
        using var folder = new TempFolder();
        PipelineFile.Save(ml, model, data.Schema, folder.File("pipeline.zip"));
        using var loaded = PipelineFile.Load(new MLContext(seed: 1), folder.File("pipeline.zip"));
        Assert.Equal(model.Transform(data).GetColumn<float[]>(AdversarialColumns.Adversarial).ToArray(),
            loaded.Model.Transform(data).GetColumn<float[]>(AdversarialColumns.Adversarial).ToArray());
    }
}
