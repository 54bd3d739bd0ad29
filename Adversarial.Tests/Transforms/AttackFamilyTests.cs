using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

public sealed class AttackFamilyTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private const int Rows = 128;

    public static TheoryData<string> AllAttacks => ["fgsm", "bim", "pgd", "pgd-l2", "mifgsm", "deepfool", "cw", "square", "square-l2", "apgd-ce", "apgd-dlr-l2", "apgd-t", "fab", "fab-l2", "autoattack", "hopskipjump", "hopskipjump-l2"];

    private static IAttack Create(string name, double epsilon = 0.3, AttackSettings? settings = null) => name switch
    {
        "fgsm" => new FgsmAttack(new FgsmAttackOptions { Epsilon = epsilon }, settings),
        "bim" => new BimAttack(new BimAttackOptions { Epsilon = epsilon }, settings),
        "pgd" => new PgdAttack(new PgdAttackOptions { Epsilon = epsilon }, settings),
        "pgd-l2" => new PgdAttack(new PgdAttackOptions { Epsilon = epsilon * 10, Norm = PerturbationNorm.L2 }, settings),
        "mifgsm" => new MiFgsmAttack(new MiFgsmAttackOptions { Epsilon = epsilon }, settings),
        "deepfool" => new DeepFoolAttack(new DeepFoolAttackOptions { Steps = epsilon == 0 ? 0 : 50 }, settings),
        "cw" => new CarliniWagnerL2Attack(new CarliniWagnerL2AttackOptions { Steps = epsilon == 0 ? 0 : 100 }, settings),
        "square" => new SquareAttack(new SquareAttackOptions { Epsilon = epsilon, Queries = 300 }, settings),
        "square-l2" => new SquareAttack(new SquareAttackOptions { Epsilon = epsilon * 10, Norm = PerturbationNorm.L2, Queries = 300 }, settings),
        "apgd-ce" => new ApgdAttack(new ApgdAttackOptions { Epsilon = epsilon }, settings),
        "apgd-dlr-l2" => new ApgdAttack(new ApgdAttackOptions { Epsilon = epsilon * 10, Norm = PerturbationNorm.L2, Loss = ApgdLoss.Dlr }, settings),
        "apgd-t" => new ApgdTargetedAttack(new ApgdTargetedAttackOptions { Epsilon = epsilon, TargetClasses = 3 }, settings),
        "fab" => new FabAttack(new FabAttackOptions { Epsilon = epsilon, TargetClasses = 3 }, settings),
        "fab-l2" => new FabAttack(new FabAttackOptions { Epsilon = epsilon * 10, Norm = PerturbationNorm.L2, TargetClasses = 3 }, settings),
        "autoattack" => new AutoAttack(new AutoAttackOptions { Epsilon = epsilon }, settings),
        "hopskipjump" => new HopSkipJumpAttack(HopSkipJumpOptions(epsilon, PerturbationNorm.Linf), settings),
        "hopskipjump-l2" => new HopSkipJumpAttack(HopSkipJumpOptions(epsilon * 10, PerturbationNorm.L2), settings),
        _ => throw new ArgumentException(name),
    };

    private static HopSkipJumpAttackOptions HopSkipJumpOptions(double epsilon, PerturbationNorm norm) =>
        new() { Epsilon = epsilon, Norm = norm, Iterations = 10, InitialEvaluations = 50, MaxEvaluations = 200 };

    private (float[] Clean, float[] Adversarial, long[] Labels, long[]? Queries) Run(IAttack attack, int rows = Rows, int batchSize = Rows,
        TorchImageClassifier? classifier = null)
    {
        var (clean, labels) = Load(rows);
        var adversarial = new float[clean.Length];
        long[]? queries = null;
        int size = clean.Length / rows;
        for (int start = 0; start < rows; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batchSize, rows - start);
            var images = tensor(clean.AsSpan(start * size, count * size).ToArray(), [count, 1, 28, 28]);
            var before = images.clone();
            var result = AttackRunner.Run(attack, classifier ?? fixture.Classifier, images, tensor(labels.AsSpan(start, count).ToArray()),
                Enumerable.Range(start, count).Select(i => (long)i).ToArray());
            Assert.True(images.eq(before).all().item<bool>(), $"{attack.Name} modified its input tensor");
            MemoryMarshal.Cast<byte, float>(result.Adversarial.contiguous().bytes).CopyTo(adversarial.AsSpan(start * size));
            if (result.Queries is { } q)
                queries = (queries ?? []).Concat(q).ToArray();
        }
        return (clean, adversarial, labels, queries);
    }

    private (float[] Pixels, long[] Labels) Load(int rows)
    {
        var data = fixture.Ml.Data.TakeRows(fixture.Data, rows);
        return (data.GetColumn<float[]>("Image").SelectMany(p => p).ToArray(), data.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray());
    }

    private long[] Predict(float[] pixels)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var images = tensor(pixels, [pixels.Length / 784, 1, 28, 28]);
        return MemoryMarshal.Cast<byte, long>(fixture.Classifier.LogProbabilities(images).argmax(1).contiguous().bytes).ToArray();
    }

    private static double[] Norms(float[] clean, float[] adversarial, bool l2) =>
        Enumerable.Range(0, clean.Length / 784).Select(i =>
        {
            var deltas = Enumerable.Range(i * 784, 784).Select(p => (double)adversarial[p] - clean[p]);
            return l2 ? Math.Sqrt(deltas.Sum(d => d * d)) : deltas.Max(Math.Abs);
        }).ToArray();

    private static double Accuracy(long[] predicted, long[] labels) => predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;

    [Theory]
    [MemberData(nameof(AllAttacks))]
    public void OutputStaysInRangeWithinBudgetAndNeverHelps(string name)
    {
        var attack = Create(name);
        var (clean, adversarial, labels, _) = Run(attack);
        Assert.All(adversarial, p => Assert.InRange(p, 0f, 1f));
        if (attack.Budget is { } budget)
        {
            var norms = Norms(clean, adversarial, attack.Norm == PerturbationNorm.L2);
            Assert.True(norms.Max() <= budget + (attack.Norm == PerturbationNorm.L2 ? 1e-4 : 1e-6), $"{name}: norm {norms.Max()} over budget {budget}");
        }
        double cleanAccuracy = Accuracy(Predict(clean), labels), robust = Accuracy(Predict(adversarial), labels);
        Assert.True(robust <= cleanAccuracy, $"{name}: robust {robust} above clean {cleanAccuracy}");
        Assert.True(robust < cleanAccuracy - 0.2, $"{name}: robust {robust} barely below clean {cleanAccuracy}");
    }

    [Theory]
    [MemberData(nameof(OptionRangeTests.IdleCounts), MemberType = typeof(OptionRangeTests))]
    public void ACountMarkedIdleReturnsEveryImageUnchanged(string attackName, string property)
    {
        // What the command line's --allow-no-op warning says of these counts.
        var descriptor = AttackRegistry.All.Find(attackName)!;
        int idle = descriptor.OptionsType.GetProperty(property)!.GetCustomAttribute<NoOpAtAttribute>()!.Value;
        var attack = descriptor.Create(new Dictionary<string, object?> { [property] = idle }, AttackSettings.Default);
        var (clean, adversarial, _, _) = Run(attack, rows: 16, batchSize: 16);
        Assert.Equal(clean, adversarial);
    }

    public static TheoryData<string> BoundedAttacks =>
        ["fgsm", "bim", "pgd", "pgd-l2", "mifgsm", "square", "square-l2", "apgd-ce", "apgd-dlr-l2", "apgd-t", "fab", "fab-l2", "autoattack", "hopskipjump", "hopskipjump-l2"];

    [Theory]
    [MemberData(nameof(BoundedAttacks))]
    public void ZeroBudgetIsTheIdentity(string name)
    {
        var (clean, adversarial, _, _) = Run(Create(name, epsilon: 0), rows: 16, batchSize: 16);
        Assert.Equal(clean, adversarial);
    }

    [Fact]
    public void DeepFoolLeavesImagesTheModelAlreadyGetsWrongAsTheyAre()
    {
        var (clean, adversarial, labels, _) = Run(Create("deepfool"), rows: 500, batchSize: 250);
        var wrong = Predict(clean).Select((p, i) => (p, i)).Where(t => t.p != labels[t.i]).Select(t => t.i).ToArray();
        Assert.NotEmpty(wrong);
        int size = clean.Length / labels.Length;
        foreach (int i in wrong)
            Assert.Equal(clean.AsSpan(i * size, size).ToArray(), adversarial.AsSpan(i * size, size).ToArray());
    }

    [Theory]
    [MemberData(nameof(AllAttacks))]
    public void ResultsDoNotDependOnTheBatchSize(string name)
    {
        // Through a network that scores each image alone, so that only the attack could make one image's result depend
        // on the others: libtorch's batched forward pass rounds differently from its single-image one, and the attacks
        // that end on the decision boundary (HopSkipJump's binary search, DeepFool's last step) then take other paths.
        // Disposing the wrapper disposes the network it was given, so it is given its own.
        var lenet = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        using var classifier = new TorchImageClassifier(new PerImageNetwork(lenet.Network), lenet.InputShape, lenet.ClassNames,
            lenet.Output, lenet.Name);
        var attack = Create(name, settings: AttackSettings.Default with { Seed = 5 });
        var (_, single, _, singleQueries) = Run(attack, rows: 8, batchSize: 1, classifier);
        var (_, batched, _, batchedQueries) = Run(attack, rows: 8, batchSize: 64, classifier);
        Assert.Equal(singleQueries, batchedQueries);
        for (int i = 0; i < single.Length; i++)
            Assert.True(single[i] == batched[i], $"{name}: value {i} is {single[i]} at batch 1, {batched[i]} at batch 64");
    }

    [Fact]
    public void PgdLeavesLessAccuracyThanFgsmAtTheSameEpsilon()
    {
        var (clean, fgsm, labels, _) = Run(Create("fgsm"));
        var (_, pgd, _, _) = Run(Create("pgd"));
        double fgsmAccuracy = Accuracy(Predict(fgsm), labels), pgdAccuracy = Accuracy(Predict(pgd), labels);
        Assert.True(pgdAccuracy < fgsmAccuracy, $"PGD-40 {pgdAccuracy} vs FGSM {fgsmAccuracy} at eps 0.3");
        Assert.True(pgdAccuracy <= 0.05, $"PGD-40 at eps 0.3 left {pgdAccuracy}");
    }

    [Theory]
    [InlineData(TargetingKind.FixedLabel, 0.9)]
    [InlineData(TargetingKind.RandomOther, 0.9)]
    [InlineData(TargetingKind.LeastLikely, 0.8)]
    public void TargetedPgdReachesItsTargetOnMostImages(TargetingKind kind, double floor)
    {
        var targeting = kind switch
        {
            TargetingKind.FixedLabel => AttackTargeting.Fixed(3),
            TargetingKind.RandomOther => AttackTargeting.RandomOther,
            _ => AttackTargeting.LeastLikely,
        };
        var settings = AttackSettings.Default with { Targeting = targeting, Seed = 1 };
        var (clean, adversarial, labels, _) = Run(new PgdAttack(new PgdAttackOptions { Epsilon = 0.3 }, settings));
        using var scope = NewDisposeScope();
        var targets = AttackMath.ToLongs(targeting.Resolve(fixture.Classifier, tensor(clean, [Rows, 1, 28, 28]), tensor(labels), null,
            Enumerable.Range(0, Rows).Select(i => (long)i).ToArray(), settings.Seed)!);
        double reached = Predict(adversarial).Zip(targets).Count(p => p.First == p.Second) / (double)Rows;
        Assert.True(reached >= floor, $"{kind}: target reached on {reached:P1}");
    }

    [Theory]
    [InlineData("deepfool")]
    [InlineData("cw")]
    public void MinimalPerturbationAttacksFoolNearlyAllWithSmallL2(string name)
    {
        var (clean, adversarial, labels, _) = Run(Create(name));
        var predicted = Predict(adversarial);
        var cleanPredicted = Predict(clean);
        int initiallyCorrect = cleanPredicted.Zip(labels).Count(p => p.First == p.Second);
        int fooled = Enumerable.Range(0, Rows).Count(i => cleanPredicted[i] == labels[i] && predicted[i] != labels[i]);
        Assert.True(fooled >= 0.9 * initiallyCorrect, $"{name} fooled {fooled} of {initiallyCorrect}");
        var (_, fgsm, _, _) = Run(Create("fgsm", epsilon: 0.3));
        double median = Median(Norms(clean, adversarial, l2: true)), fgsmMedian = Median(Norms(clean, fgsm, l2: true));
        Assert.True(median < fgsmMedian / 2, $"{name} median L2 {median} vs FGSM(0.3) {fgsmMedian}");
    }

    [Fact]
    public void SquareAttackUsesOnlyScoresAndCountsQueries()
    {
        var attack = Create("square");
        Assert.False(attack.IsWhiteBox);
        var (clean, adversarial, labels, queries) = Run(attack);
        Assert.NotNull(queries);
        Assert.All(queries!, q => Assert.InRange(q, 1, 300));
        Assert.True(Accuracy(Predict(adversarial), labels) < Accuracy(Predict(clean), labels) - 0.3);
    }

    [Fact]
    public void OnlyCorrectLeavesMisclassifiedImagesUntouched()
    {
        var settings = AttackSettings.Default with { OnlyCorrect = true };
        var (clean, adversarial, labels, _) = Run(new FgsmAttack(new FgsmAttackOptions { Epsilon = 0.3 }, settings), rows: 512, batchSize: 256);
        var cleanPredicted = Predict(clean);
        var wrong = Enumerable.Range(0, labels.Length).Where(i => cleanPredicted[i] != labels[i]).ToArray();
        Assert.NotEmpty(wrong);
        foreach (int i in wrong)
            Assert.Equal(clean.AsSpan(i * 784, 784).ToArray(), adversarial.AsSpan(i * 784, 784).ToArray());
    }

    [Fact]
    public void ARefusesAModelInTrainingMode()
    {
        var network = new LeNet();
        using var classifier = new TorchImageClassifier(network, LeNet.InputShape, MnistDigits, ClassifierOutput.LogProbabilities, "lenet in training");
        network.train();
        using var scope = NewDisposeScope();
        var error = Assert.Throws<InvalidOperationException>(() =>
            AttackRunner.Run(Create("fgsm"), classifier, zeros(2, 1, 28, 28), zeros(2, dtype: ScalarType.Int64), [0, 1]));
        Assert.Contains("eval mode", error.Message);
    }

    [Fact]
    public void GenericEstimatorHonoursTheTransformContract()
    {
        var ml = fixture.Ml;
        var data = ml.Data.TakeRows(fixture.Data, 64);
        var estimator = ml.Transforms.PgdAttack("Image", fixture.Classifier, new PgdAttackOptions { Epsilon = 0.3, Steps = 10 })
            .Append(ml.Transforms.ScoreImages(fixture.Classifier));
        var attacked = estimator.Fit(data).Transform(data);
        Assert.Equal(5, attacked.Preview(5).RowView.Length);
        Assert.True(ml.MulticlassClassification.Evaluate(attacked).MicroAccuracy < 0.2);

        var missingTarget = ml.Transforms.Attack("Adversarial", fixture.Classifier,
            new FgsmAttack(new FgsmAttackOptions(), AttackSettings.Default with { Targeting = AttackTargeting.FromColumn("Target") }), "Image");
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => missingTarget.Fit(data));
        Assert.Contains("'Target'", error.Message);

        var withTarget = ml.Transforms.CopyColumns("Target", "Label").Fit(data).Transform(data);
        var targeted = missingTarget.Fit(withTarget).Transform(withTarget);
        Assert.Equal(64, targeted.GetColumn<float[]>("Adversarial").Count());
    }

    [Fact]
    public void AnImageGetsTheSameRandomChoicesInASliceOfTheData()
    {
        var ml = fixture.Ml;
        var estimator = ml.Transforms.PgdAttack("Adversarial", fixture.Classifier, new PgdAttackOptions { Epsilon = 0.3, Steps = 5 },
            AttackSettings.Default with { Seed = 9 }, "Image");
        var first40 = ml.Data.TakeRows(fixture.Data, 40);
        var whole = estimator.Fit(first40).Transform(first40).GetColumn<float[]>("Adversarial").Skip(20).ToArray();
        var slice = ml.Data.TakeRows(ml.Data.SkipRows(fixture.Data, 20), 20);
        var sliced = estimator.Fit(slice).Transform(slice).GetColumn<float[]>("Adversarial").ToArray();
        Assert.Equal(whole.Length, sliced.Length);
        for (int i = 0; i < whole.Length; i++)
            Assert.Equal(whole[i], sliced[i]);
    }

    private static readonly string[] MnistDigits = Enumerable.Range(0, 10).Select(d => $"{d}").ToArray();

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
