using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Onnx;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// The networks people have today: torchvision's classifiers (ResNet, MobileNet v2/v3, EfficientNet, DenseNet, GoogLeNet,
/// RegNet, SqueezeNet, ConvNeXt, ShuffleNet, ViT and a small Upsample/chunk network) exported by PyTorch 1.13 at opsets 13
/// and 17, at 32×32 and, for ViT and ConvNeXt, at 224×224 behind the input adapter. Each imported file is PyTorch's float64
/// network, agrees with ONNX Runtime through ML.NET's ApplyOnnxModel, and gives the float64 PyTorch FGSM's predictions.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Architectures)]
public sealed class ArchitectureImportTests(ITestOutputHelper output)
{
    private static readonly int[] Opsets = [13, 17];

    // The float64 network's scores, once per variant: its two files hold the same network (the float64 test shows each is PyTorch's).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> ExactScores = new(StringComparer.Ordinal);

    public static TheoryData<string, int> Files()
    {
        var data = new TheoryData<string, int>();
        foreach (string variant in ArchitectureModels.Variants)
            foreach (int opset in Opsets)
                data.Add(variant, opset);
        return data;
    }

    public static TheoryData<string> Variants() => new(ArchitectureModels.Variants);

    [Theory]
    [MemberData(nameof(Files))]
    public void InFloat64TheImportedNetworkIsPyTorchsFloat64Network(string variant, int opset)
    {
        var reference = ArchitectureModels.Reference(variant);
        using var classifier = Load(variant, opset);
        classifier.Network.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (images, _) = CifarTest(reference.Float64Scores.Length);
        double[] ours = classifier.Outputs(images.to(ScalarType.Float64)).contiguous().data<double>().ToArray();
        double[] theirs = reference.Float64Scores.SelectMany(row => row).ToArray();
        double worst = ours.Zip(theirs, (a, b) => Math.Abs(a - b) / Math.Abs(b)).Max();
        output.WriteLine($"{variant} opset {opset}: largest relative difference from PyTorch float64 {worst:g3} ({theirs.Length} scores)");
        // Measured 1e-14 to 5e-12: the same network, summed in another order. A wrong operator is off by far more than float32's 1e-7.
        Assert.True(worst <= 1e-10, $"{variant} opset {opset}: float64 scores differ from PyTorch's by {worst:g3} (relative)");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ImportedScoresAgreeWithOnnxRuntimeThroughApplyOnnxModel(string variant, int opset)
    {
        var reference = ArchitectureModels.Reference(variant);
        // 1,000 test images at 32×32; ViT-B/16 at 224×224 costs 17.5 GFLOP an image, so 32 there.
        int count = reference.ImageSize == 32 ? 1000 : 32;
        using var classifier = Load(variant, opset);
        using var scope = NewDisposeScope();
        var (images, _) = CifarTest(count);
        using var noGrad = no_grad();
        var input = classifier.Adapter?.Apply(images) ?? images;
        var runtime = ScoresThroughOnnxRuntime(ArchitectureModels.OnnxPath(variant, opset), input);
        var ours = Batched(input, reference.ImageSize == 32 ? 100 : 10, classifier.Network.call);
        double difference = RelativeDifference(ours, runtime);
        output.WriteLine($"{variant} opset {opset}: {count} images, largest difference from ONNX Runtime {difference:g3} of the image's largest score");
        int ties = NearTieDisagreements(ours, runtime, difference);
        Assert.Equal(0, ties);
        if (difference <= 1e-4)
            return;
        // Two float32 implementations of a deep network differ by their rounding: measure each against the exact (float64) network,
        // which the float64 test shows is PyTorch's. Ours must be as close to it as ONNX Runtime's own float32 is.
        var exact = ExactScores.GetOrAdd(variant, _ =>
        {
            classifier.Network.to(ScalarType.Float64);
            return Batched(input.to(ScalarType.Float64), reference.ImageSize == 32 ? 100 : 10, classifier.Network.call);
        });
        double ourError = RelativeDifference(ours, exact), runtimeError = RelativeDifference(runtime, exact);
        output.WriteLine($"  from the exact (float64) network: ours {ourError:g3}, ONNX Runtime's {runtimeError:g3}");
        Assert.True(ourError <= Math.Max(1e-4, 2 * runtimeError),
            $"{variant} opset {opset}: our float32 scores are {ourError:g3} from the exact network's, ONNX Runtime's {runtimeError:g3}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void FgsmInFloat32DiffersFromFloat64PyTorchOnlyWhereFloat32RoundingFlipsAGradientSign(string variant, int opset)
    {
        var reference = ArchitectureModels.Reference(variant);
        using var classifier = Load(variant, opset);
        using var exact = Load(variant, opset);
        exact.Network.to(ScalarType.Float64);
        var (clean, robust) = Fgsm(classifier, reference, ScalarType.Float32, reference.Images);
        int[] labels = CifarLabels(reference.Images);
        int[] differing = DifferingImages(reference, clean, robust);
        // FGSM takes the gradient's sign: a pixel whose exact derivative is below float32's rounding of the backward pass can take either
        // sign, in PyTorch's float32 as in ours. Measured on resnet18's image 37: one input of its 12th ReLU is 2.1e-6 in float64 (the
        // layer reaches 4.2), -8.7e-7 in PyTorch's float32; closing that unit moves the gradient by 1.6e-2 of its largest pixel and
        // flips 5 signs. Ours computes the image alone as float64 does (9e-6 from it) and beside image 36 as PyTorch does, so the
        // signs checked are those of the attack's own batch. Any other difference is a fault of the float32 network or the attack.
        int batch = AttackBatchSize(reference, ScalarType.Float32);
        int[] flipped = differing.GroupBy(i => i / batch)
            .SelectMany(images => SignFlippedByFloat32(classifier, exact, images.ToArray(), images.Key * batch, Math.Min(images.Key * batch + batch, reference.Images))).ToArray();
        int[] unexplained = differing.Except(flipped).Where(i => !NonDifferentiableAt(exact, i)).ToArray();
        int[] theirFloat32 = reference.Float32RobustPredictions.Select((p, e) => Differences(p, reference.RobustPredictions[e])).ToArray();
        int[] theirsToo = differing.Where(i => reference.Float32RobustPredictions.Where((p, e) => p[i] != reference.RobustPredictions[e][i]).Any()).ToArray();
        output.WriteLine($"{variant} opset {opset}: clean {Correct(clean, labels)} (float64 {reference.Clean}); FGSM ours {string.Join("/", robust.Select(p => Correct(p, labels)))},"
            + $" float64 PyTorch {string.Join("/", reference.Robust)}; images predicted otherwise than float64 per ε: ours"
            + $" {string.Join("/", robust.Select((p, e) => Differences(p, reference.RobustPredictions[e])))}, PyTorch float32 {string.Join("/", theirFloat32)};"
            + $" float32 flips a gradient sign on {flipped.Length} of the {differing.Length} image(s) predicted otherwise"
            + (differing.Length == 0 ? "" : $" ({string.Join(", ", differing)}; PyTorch's float32 misses float64 on {theirsToo.Length} of them)"));
        Assert.True(unexplained.Length == 0, $"{variant} opset {opset}: image(s) {string.Join(", ", unexplained)} predicted otherwise than by float64 PyTorch"
            + " although float32 gives every pixel of their gradient its exact sign");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void FgsmInFloat64IsPyTorchsImageByImageWhereTheLossIsDifferentiable(string variant)
    {
        var reference = ArchitectureModels.Reference(variant);
        using var classifier = Load(variant, 17);
        classifier.Network.to(ScalarType.Float64);
        // At 224×224 a float64 ViT-B/16 takes ~10 s an image for the gradient and four attacked forwards: the first 8 images there.
        var (clean, robust) = Fgsm(classifier, reference, ScalarType.Float64, reference.ImageSize == 32 ? reference.Images : 8);
        int[] differing = DifferingImages(reference, clean, robust);
        // Where the loss has a kink at the image (a max pool over equal values, a ReLU at 0), libtorch and PyTorch may pick different
        // subgradients, both right; everywhere else the float64 gradients agree to 1e-13 and so must every prediction.
        int[] unexplained = differing.Where(i => !NonDifferentiableAt(classifier, i)).ToArray();
        output.WriteLine($"{variant}: {differing.Length} of {clean.Length} images predicted otherwise than by PyTorch float64 at some ε"
            + $" ({differing.Length - unexplained.Length} where the loss is not differentiable)");
        Assert.True(unexplained.Length == 0, $"{variant}: image(s) {string.Join(", ", unexplained)} predicted otherwise than by PyTorch float64");
    }

    /// <summary>The images (of the first clean.Length) whose clean or attacked prediction at some ε differs from the float64 reference's.</summary>
    private static int[] DifferingImages(ArchitectureReference reference, int[] clean, int[][] robust) =>
        Enumerable.Range(0, clean.Length).Where(i => clean[i] != reference.CleanPredictions[i]
            || robust.Where((p, e) => p[i] != reference.RobustPredictions[e][i]).Any()).ToArray();

    /// <summary>
    /// Those of <paramref name="indices"/> (test images in [<paramref name="start"/>, <paramref name="end"/>), one attack batch as
    /// <see cref="Fgsm"/> takes it) where some pixel has another sign in the batch's float32 gradient than in the image's float64 one.
    /// </summary>
    private static IEnumerable<int> SignFlippedByFloat32(TorchImageClassifier classifier, TorchImageClassifier exact, int[] indices, int start, int end)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = CifarTest(end);
        var signs = AttackMath.ObjectiveGradient(classifier, images[start..end], labels[start..end], null).sign();
        return indices.Where(index =>
        {
            using var imageScope = NewDisposeScope();
            var twice = AttackMath.ObjectiveGradient(exact, images[index..(index + 1)].to(ScalarType.Float64), labels[index..(index + 1)], null)
                .sign().to(ScalarType.Float32);
            return signs[(index - start)..(index - start + 1)].ne(twice).any().item<bool>();
        }).ToArray();
    }

    /// <summary>
    /// Whether the float64 loss has a kink at test image <paramref name="index"/> along its FGSM direction: the one-sided derivatives
    /// differ by more than 0.1% (at a smooth point they agree to ~1e-6 at this step; at a kink they differ by their jump).
    /// </summary>
    private static bool NonDifferentiableAt(TorchImageClassifier exact, int index)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = CifarTest(index + 1);
        var x = images[index..(index + 1)].to(ScalarType.Float64);
        var y = labels[index..(index + 1)];
        var direction = AttackMath.ObjectiveGradient(exact, x, y, null).sign();
        using var noGrad = no_grad();
        double Loss(double step) => nn.functional.nll_loss(nn.functional.log_softmax(exact.LogProbabilities(x + step * direction), 1), y,
            reduction: nn.Reduction.Sum).item<double>();
        const double Step = 1e-7;
        double at = Loss(0), right = (Loss(Step) - at) / Step, left = (at - Loss(-Step)) / Step;
        return Math.Abs(right - left) > 1e-3 * Math.Max(Math.Abs(right), Math.Abs(left));
    }

    private static TorchImageClassifier Load(string variant, int opset) => OnnxClassifier.Load(ArchitectureModels.OnnxPath(variant, opset),
        new ModelRequest { InputShape = DatasetRegistry.Cifar10.Shape, ClassNames = DatasetRegistry.Cifar10.ClassNames });

    /// <summary>Our FGSM (the attack's own code, in the classifier's precision): predicted classes of the clean images and at each ε.</summary>
    private static (int[] Clean, int[][] Robust) Fgsm(TorchImageClassifier classifier, ArchitectureReference reference, ScalarType precision, int count)
    {
        var attack = new FgsmAttack(new FgsmAttackOptions());
        var clean = new List<int>();
        var robust = reference.Epsilons.Select(_ => new List<int>()).ToArray();
        int batch = AttackBatchSize(reference, precision);
        var (images, labels) = CifarTest(count);
        for (int start = 0; start < count; start += batch)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(batch, count - start);
            var prepared = attack.Prepare(new AttackBatch(classifier, images[start..(start + n)].to(precision), labels[start..(start + n)], null, []));
            using var noGrad = no_grad();
            clean.AddRange(Predicted(prepared.CleanLogProbabilities!));
            for (int e = 0; e < reference.Epsilons.Length; e++)
                robust[e].AddRange(Predicted(classifier.LogProbabilities(prepared.AdversarialAt(reference.Epsilons[e]))));
        }
        return (clean.ToArray(), robust.Select(r => r.ToArray()).ToArray());
    }

    // At 224×224 autograd keeps ~0.4 GB of float32 activations an image for ViT-B/16 (twice that in float64).
    private static int AttackBatchSize(ArchitectureReference reference, ScalarType precision) =>
        reference.ImageSize == 32 ? 50 : precision == ScalarType.Float64 ? 2 : 4;

    private static float[] ScoresThroughOnnxRuntime(string path, Tensor images)
    {
        var ml = new MLContext(seed: 0);
        int size = (int)(images.shape[1] * images.shape[2] * images.shape[3]);
        float[] pixels = images.contiguous().data<float>().ToArray();
        var rows = Enumerable.Range(0, (int)images.shape[0]).Select(i => new ImageVector { Image = pixels.AsSpan(i * size, size).ToArray() });
        var schema = SchemaDefinition.Create(typeof(ImageVector));
        schema["image"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var runtime = ml.Transforms.ApplyOnnxModel(["scores"], ["image"], path,
            shapeDictionary: new Dictionary<string, int[]> { ["image"] = [1, (int)images.shape[1], (int)images.shape[2], (int)images.shape[3]] },
            gpuDeviceId: null, fallbackToCpu: false);
        return runtime.Fit(data).Transform(data).GetColumn<float[]>("scores").SelectMany(s => s).ToArray();
    }

    private static float[] Batched(Tensor input, int batch, Func<Tensor, Tensor> network)
    {
        var scores = new List<float>();
        for (long start = 0; start < input.shape[0]; start += batch)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            scores.AddRange(network(input.narrow(0, start, Math.Min(batch, input.shape[0] - start))).to(ScalarType.Float32).contiguous().data<float>().ToArray());
        }
        return scores.ToArray();
    }

    /// <summary>The largest difference over images of max_c |a − b| relative to the image's largest |b|.</summary>
    private static double RelativeDifference(float[] a, float[] b)
    {
        double worst = 0;
        for (int row = 0; row < a.Length / 10; row++)
        {
            double scale = 0, difference = 0;
            for (int c = row * 10; c < row * 10 + 10; c++)
            {
                scale = Math.Max(scale, Math.Abs(b[c]));
                difference = Math.Max(difference, Math.Abs(a[c] - b[c]));
            }
            worst = Math.Max(worst, difference / scale);
        }
        return worst;
    }

    /// <summary>Images whose top class differs between the two where the other's top two are further apart than the rounding between them.</summary>
    private int NearTieDisagreements(float[] ours, float[] runtime, double relativeDifference)
    {
        int disagreements = 0, unexplained = 0;
        for (int row = 0; row < ours.Length / 10; row++)
        {
            var theirs = runtime.AsSpan(row * 10, 10);
            int a = Scores.ArgMax(ours.AsSpan(row * 10, 10)), b = Scores.ArgMax(theirs);
            if (a == b)
                continue;
            disagreements++;
            double scale = 0;
            foreach (float value in theirs)
                scale = Math.Max(scale, Math.Abs(value));
            if (theirs[b] - theirs[a] > 2 * relativeDifference * scale)
                unexplained++;
        }
        output.WriteLine($"  top-class disagreements with ONNX Runtime: {disagreements} ({unexplained} not a near tie)");
        return unexplained;
    }

    private static (Tensor Images, Tensor Labels) CifarTest(int count)
    {
        var arrays = ImageArrays.Load(TestData.CifarTest(), count);
        return arrays.ToTensors(Enumerable.Range(0, count).ToArray());
    }

    private static int[] CifarLabels(int count) => ImageArrays.Load(TestData.CifarTest(), count).Labels.Select(l => (int)l).ToArray();

    private static IEnumerable<int> Predicted(Tensor logProbabilities) => logProbabilities.argmax(1).to(ScalarType.Int32).data<int>().ToArray();

    private static int Correct(int[] predicted, int[] labels) => predicted.Zip(labels, (p, y) => p == y ? 1 : 0).Sum();

    private static int Differences(int[] a, int[] b) => a.Zip(b, (x, y) => x == y ? 0 : 1).Sum();
}
