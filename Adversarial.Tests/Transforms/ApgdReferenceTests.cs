using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using Xunit.Abstractions;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// APGD-CE and APGD-T against the authors' code (fra31/auto-attack run by tools/autoattack_reference.py with PyTorch 1.13
/// on our LeNet and the first 1,000 MNIST test images): each stage of the AutoAttack sequence within 1 point of theirs,
/// the final robust accuracy inside the Wilson 95% interval of theirs.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class ApgdReferenceTests(ITestOutputHelper output)
{
    private static JsonElement Reference => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "autoattack-reference.json"))).RootElement;

    [Fact]
    public void TheApgdStagesMatchTheAuthorsCodeWithinOnePoint()
    {
        var reference = Reference;
        int images = reference.GetProperty("images").GetInt32();
        var ml = new MLContext(seed: 0);
        IDataView data = ml.Data.TakeRows(TestData.MnistTest(), images);
        using var lenet = TorchImageClassifier.LoadLeNet();
        bool[] clean = Correct(ml, lenet, data, null);
        Assert.Equal(reference.GetProperty("clean").GetInt32(), clean.Count(c => c));
        foreach (var row in reference.GetProperty("epsilons").EnumerateArray())
        {
            double epsilon = row.GetProperty("epsilon").GetDouble();
            var stages = row.GetProperty("stages").EnumerateArray().ToArray();
            // Each image's run depends on that image alone, so "APGD-T on the images APGD-CE left" is both attacks' AND.
            bool[] afterCe = And(clean, Correct(ml, lenet, data, new ApgdAttack(new ApgdAttackOptions { Epsilon = epsilon })));
            bool[] afterT = And(afterCe, Correct(ml, lenet, data, new ApgdTargetedAttack(new ApgdTargetedAttackOptions { Epsilon = epsilon })));
            int theirsCe = stages[0].GetProperty("robust").GetInt32(), theirsT = stages[1].GetProperty("robust").GetInt32();
            int oursCe = afterCe.Count(c => c), oursT = afterT.Count(c => c);
            output.WriteLine($"eps {epsilon}: APGD-CE ours {oursCe} theirs {theirsCe}; then APGD-T ours {oursT} theirs {theirsT} (of {images})");
            Assert.InRange(oursCe, theirsCe - images / 100, theirsCe + images / 100);
            Assert.InRange(oursT, theirsT - images / 100, theirsT + images / 100);
            var (low, high) = WilsonInterval.Compute(theirsT, images);
            Assert.InRange((double)oursT / images, low, high);
            Assert.True(oursT <= oursCe);
        }
    }

    private static bool[] Correct(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack? attack)
    {
        IDataView scored = attack is null
            ? ml.Transforms.ScoreImages(classifier).Fit(data).Transform(data)
            : ml.Transforms.Attack(AdversarialColumns.Adversarial, classifier, attack, AdversarialColumns.Image)
                .Append(ml.Transforms.ScoreImages(classifier, AdversarialColumns.Adversarial)).Fit(data).Transform(data);
        var labels = scored.GetColumn<uint>(AdversarialColumns.Label).ToArray();
        var predicted = scored.GetColumn<uint>(AdversarialColumns.PredictedLabel).ToArray();
        return labels.Zip(predicted, (l, p) => l == p).ToArray();
    }

    private static bool[] And(bool[] a, bool[] b) => a.Zip(b, (x, y) => x && y).ToArray();
}
