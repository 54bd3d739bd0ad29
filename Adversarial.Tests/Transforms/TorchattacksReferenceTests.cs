using System.Runtime.InteropServices;
using System.Text.Json;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// PGD (L∞ and L2, from the clean image), BIM, MI-FGSM and CW-L2 against torchattacks run in float64 on our LeNet and
/// the first 200 MNIST test images (tools/torchattacks_reference.py, committed with the commit as
/// Fixtures/torchattacks-reference.json). Each is deterministic on both sides, so the comparison is per image: the same
/// images fooled and the same distances.
/// </summary>
public sealed class TorchattacksReferenceTests(ITestOutputHelper output)
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures",
        "torchattacks-reference.json"))).RootElement;

    public static TheoryData<string> Attacks => ["pgd", "pgd-l2", "bim", "mifgsm", "cw"];

    [Theory]
    [MemberData(nameof(Attacks))]
    public void OurAttackFoolsTheSameImagesByTheSameDistancesAsTorchattacks(string name)
    {
        var row = Reference.GetProperty("attacks").EnumerateArray().Single(a => a.GetProperty("attack").GetString() == name);
        var arguments = row.GetProperty("arguments");
        double Argument(string key) => arguments.GetProperty(key).GetDouble();
        var settings = AttackSettings.Default with { EarlyStop = false };
        IAttack attack = name switch
        {
            "pgd" or "pgd-l2" => new PgdAttack(new PgdAttackOptions
            {
                Epsilon = Argument("eps"), StepSize = Argument("alpha"), Steps = (int)Argument("steps"), RandomStart = false,
                Norm = name == "pgd" ? PerturbationNorm.Linf : PerturbationNorm.L2,
            }, settings),
            "bim" => new BimAttack(new BimAttackOptions { Epsilon = Argument("eps"), StepSize = Argument("alpha"), Steps = (int)Argument("steps") }, settings),
            "mifgsm" => new MiFgsmAttack(new MiFgsmAttackOptions { Epsilon = Argument("eps"), Steps = (int)Argument("steps"), Decay = Argument("decay") }, settings),
            _ => new CarliniWagnerL2Attack(new CarliniWagnerL2AttackOptions
            {
                BinarySearchSteps = 1, InitialConstant = Argument("c"), Confidence = Argument("kappa"), Steps = (int)Argument("steps"), LearningRate = Argument("lr"),
            }, settings),
        };
        if (name == "mifgsm")
            Assert.Equal(Argument("alpha"), ((MiFgsmAttack)attack).Options.StepSize, 12);
        var (fooled, linf, l2) = Run(attack, Reference.GetProperty("images").GetInt32());
        var theirs = row.GetProperty("fooled").EnumerateArray().Select(i => i.GetInt32()).ToHashSet();
        double[] theirL2 = row.GetProperty("l2").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var differing = fooled.ToHashSet();
        differing.SymmetricExceptWith(theirs);
        double[] theirFloat32 = row.GetProperty("l2Float32").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double ourGap = l2.Zip(theirL2, (a, b) => Math.Abs(a - b)).Average(), precisionGap = theirFloat32.Zip(theirL2, (a, b) => Math.Abs(a - b)).Average();
        output.WriteLine($"{name}: ours fooled {fooled.Count}, theirs {theirs.Count}, {differing.Count} differ ({string.Join(",", differing)}); mean L2 gap "
            + $"to their float64 {ourGap:0.######} (max {l2.Zip(theirL2, (a, b) => Math.Abs(a - b)).Max():0.######}), their float32's {precisionGap:0.######}");
        Assert.Empty(differing);
        // The fixture rounds distances to 1e-6; beyond that, ours (float32) may be as far from their float64 as their float32 is
        // (CW measured: 0.0085 against 0.0079; its smallest misclassified iterate moves with the last bits of a step).
        Assert.True(ourGap <= 1.5 * precisionGap + 1e-5, $"{name}: mean L2 gap {ourGap} against their float32's {precisionGap}");
    }

    private static (List<int> Fooled, double[] LInf, double[] L2) Run(IAttack attack, int images)
    {
        var (pixels, labels) = TestData.MnistTestArrays(images);
        using var lenet = TorchImageClassifier.LoadLeNet();
        using var scope = NewDisposeScope();
        var clean = tensor(pixels, [images, 1, 28, 28]);
        var result = AttackRunner.Run(attack, lenet, clean, tensor(labels), Enumerable.Range(0, images).Select(i => (long)i).ToArray());
        using var inference = inference_mode();
        var predicted = lenet.LogProbabilities(result.Adversarial).argmax(1);
        long[] predictions = MemoryMarshal.Cast<byte, long>(predicted.contiguous().bytes).ToArray();
        var delta = (result.Adversarial - clean).flatten(1);
        double[] Values(Tensor t) => MemoryMarshal.Cast<byte, float>(t.contiguous().bytes).ToArray().Select(v => (double)v).ToArray();
        return (Enumerable.Range(0, images).Where(i => predictions[i] != labels[i]).ToList(), Values(delta.abs().max(1).values),
            Values(delta.square().sum(1).sqrt()));
    }
}
