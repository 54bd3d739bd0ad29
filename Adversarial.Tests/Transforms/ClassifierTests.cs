using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Registries;
using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>The classifier wrapper: output kinds, shipped weights, devices and the architecture registry.</summary>
public sealed class ClassifierTests
{
    private static readonly string[] Digits = Enumerable.Range(0, 10).Select(d => $"{d}").ToArray();

    /// <summary>A linear model whose last layer gives what <see cref="ClassifierOutput"/> says.</summary>
    private sealed class LinearNet(ClassifierOutput output) : Module<Tensor, Tensor>(nameof(LinearNet))
    {
        private readonly Linear linear = Linear(784, 10);

        public LinearNet Init()
        {
            RegisterComponents();
            return this;
        }

        public override Tensor forward(Tensor input)
        {
            var logits = linear.call(input.flatten(1));
            return output switch
            {
                ClassifierOutput.Logits => logits,
                ClassifierOutput.LogProbabilities => functional.log_softmax(logits, 1),
                _ => functional.softmax(logits, 1),
            };
        }
    }

    [Fact]
    public void EveryOutputKindGivesTheSameLogProbabilitiesAndGradientSigns()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var images = rand(8, 1, 28, 28);
        var labels = randint(10, [8]);
        Tensor? reference = null, referenceSign = null;
        foreach (var kind in Enum.GetValues<ClassifierOutput>())
        {
            manual_seed(2);
            using var classifier = new TorchImageClassifier(new LinearNet(kind).Init(), new ImageShape(1, 28, 28), Digits, kind, kind.ToString());
            Tensor logProbabilities;
            using (inference_mode())
                logProbabilities = classifier.LogProbabilities(images);
            var sign = AttackMath.ObjectiveGradient(classifier, images, labels, null).sign();
            reference ??= logProbabilities;
            referenceSign ??= sign;
            Assert.True(logProbabilities.allclose(reference, rtol: 0, atol: 1e-5), $"{kind}: log-probabilities differ");
            Assert.True(logProbabilities.exp().sum(1).allclose(ones(8), atol: 1e-5), $"{kind}: probabilities do not sum to 1");
            Assert.True(sign.eq(referenceSign).to_type(ScalarType.Float32).mean().item<float>() > 0.99f, $"{kind}: gradient signs differ");
        }
    }

    [Fact]
    public void LogProbabilitiesOfALogSoftmaxNetworkAreItsOutputUnchanged()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var network = new LinearNet(ClassifierOutput.LogProbabilities).Init();
        var images = rand(4, 1, 28, 28);
        using var classifier = new TorchImageClassifier(network, new ImageShape(1, 28, 28), Digits, ClassifierOutput.LogProbabilities, "log-softmax net");
        using var inference = inference_mode();
        Assert.True(classifier.LogProbabilities(images).eq(network.call(images)).all().item<bool>());
    }

    [Fact]
    public void ShippedWeightsLoadWithoutAPathFromAnyWorkingFolder()
    {
        string before = Directory.GetCurrentDirectory();
        using var folder = new TempFolder();
        Directory.SetCurrentDirectory(folder.Path);
        try
        {
            using var lenet = TorchImageClassifier.LoadLeNet();
            using var fromFile = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
            Assert.Equal(fromFile.WeightsSha256, lenet.WeightsSha256);
            Assert.Equal(ClassifierOutput.LogProbabilities, lenet.Output);
            using var resnet = TorchImageClassifier.LoadCifarResNet();
            Assert.Equal(ClassifierOutput.Logits, resnet.Output);
            Assert.Equal(["cifar10-resnet-fgsm-rs.bin", "cifar10-resnet.bin", "lenet-mnist.bin", "mnist-cifar-resnet.bin", "mnist-small-cnn-pgd.bin"], ShippedModels.Files);
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
    }

    [Fact]
    public void EveryRegisteredArchitectureBuildsAndTakesItsShippedWeights()
    {
        Assert.Equal(ArchitectureRegistry.All.Count, ArchitectureRegistry.All.Select(a => a.Name).Distinct().Count());
        foreach (var architecture in ArchitectureRegistry.All)
        {
            using var classifier = architecture.Load();
            Assert.Equal(architecture.Name, classifier.Architecture);
            Assert.Equal(architecture.ClassNames.Count, classifier.ClassCount);
            Assert.Same(architecture, ArchitectureRegistry.All.Get(architecture.Name.ToUpperInvariant()));
            using var scope = NewDisposeScope();
            using var inference = inference_mode();
            var output = classifier.LogProbabilities(zeros(classifier.InputShape.BatchShape(2)));
            Assert.Equal([2L, architecture.ClassNames.Count], output.shape);
        }
        // Every embedded file belongs to one registry entry, and every entry's file is embedded.
        Assert.Equal(ShippedModels.Files, ArchitectureRegistry.All.SelectMany(a => a.ShippedWeights).Select(w => w.File).Order(StringComparer.Ordinal));
        var error = Assert.Throws<UnknownEntryException>(() => ArchitectureRegistry.All.Get("vgg"));
        Assert.Contains("lenet", error.Message);
    }

    [Fact]
    public void TheClassifierAndItsTensorsAreOnTheCpuByDefault()
    {
        using var lenet = TorchImageClassifier.LoadLeNet();
        Assert.Equal(DeviceType.CPU, lenet.Device.type);
        Assert.Equal(DeviceType.CPU, TorchRuntime.ParseDevice(" CPU ").type);
        using var scope = NewDisposeScope();
        var result = AttackRunner.Run(new FgsmAttack(new FgsmAttackOptions()), lenet, rand(2, 1, 28, 28), zeros(2, dtype: ScalarType.Int64), [0, 1]);
        Assert.Equal(DeviceType.CPU, result.Adversarial.device_type);
    }

    [Theory]
    [InlineData("gpu", "not a device")]
    [InlineData("cuda:x", "not a device")]
    [InlineData("cuda", "TorchSharp-cuda")]
    [InlineData("cuda:0", "TorchSharp-cuda")]
    public void ADeviceThisBuildCannotReachIsRefusedWithWhatToDo(string text, string expected)
    {
        // This machine has TorchSharp-cpu and no GPU: CUDA must be refused with the package to swap in.
        if (torch.cuda.is_available())
            return;
        var error = Assert.Throws<ArgumentException>(() => TorchRuntime.ParseDevice(text));
        Assert.Contains(expected, error.Message);
    }
}
