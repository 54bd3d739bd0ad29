using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>One network on another dataset's images: the input adapter's arithmetic, refusals, and attacks through it.</summary>
public sealed class InputAdapterTests
{
    private static readonly ImageShape Grey28 = new(1, 28, 28);
    private static readonly ImageShape Rgb32 = new(3, 32, 32);

    [Fact]
    public void TheSameShapeNeedsNoAdapterAndOnlyOneToThreeChannelsConvert()
    {
        Assert.Null(InputAdapter.Between(Rgb32, new ImageShape(3, 32, 32)));
        Assert.NotNull(InputAdapter.Between(Grey28, Rgb32));
        Assert.NotNull(InputAdapter.Between(Rgb32, Grey28));
        var error = Assert.Throws<ArgumentException>(() => InputAdapter.Between(new ImageShape(2, 28, 28), Rgb32));
        Assert.Contains("2 channel(s)", error.Message);
        Assert.Contains("1 ↔ 3", error.Message);
        Assert.Equal("1x28x28 → 3x32x32: grey copied to 3 channels, bilinear 28x28 → 32x32", InputAdapter.Between(Grey28, Rgb32)!.Description);
    }

    [Fact]
    public void GreyIsCopiedToEachChannelAndResizedWithHalfPixelBilinearWeights()
    {
        using var scope = NewDisposeScope();
        var adapter = new InputAdapter(new ImageShape(1, 2, 2), new ImageShape(3, 4, 4));
        // Half-pixel centres: output x = 0..3 samples input x = -0.25, 0.25, 0.75, 1.25 (edges clamp): 0, 0.25, 0.75, 1.
        var output = adapter.Apply(tensor(new float[] { 0, 1, 0, 1 }, [1, 1, 2, 2]));
        Assert.Equal([1L, 3, 4, 4], output.shape);
        float[] expectedRow = [0f, 0.25f, 0.75f, 1f];
        var values = output.contiguous().data<float>().ToArray();
        for (int row = 0; row < 12; row++)
            Assert.Equal(expectedRow, values.AsSpan(row * 4, 4).ToArray());
    }

    [Fact]
    public void RgbBecomesBt601LumaAtTheSameSize()
    {
        using var scope = NewDisposeScope();
        var adapter = new InputAdapter(new ImageShape(3, 1, 3), new ImageShape(1, 1, 3));
        // Pure red, green and blue pixels side by side.
        var output = adapter.Apply(tensor(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, [1, 3, 1, 3]));
        Assert.Equal([1L, 1, 1, 3], output.shape);
        var values = output.data<float>().ToArray();
        Assert.Equal(0.299f, values[0], 6);
        Assert.Equal(0.587f, values[1], 6);
        Assert.Equal(0.114f, values[2], 6);
    }

    [Fact]
    public void AnAttackThroughTheAdapterStaysInTheDataPixelsAndLowersAccuracy()
    {
        using var classifier = DatasetRegistry.Mnist.LoadClassifier(ArchitectureRegistry.CifarResNet);
        Assert.Equal(Grey28, classifier.InputShape);
        Assert.Equal(Rgb32, classifier.NetworkInputShape);
        Assert.Equal(LeNet.ClassNames, classifier.ClassNames);
        const double epsilon = 0.1;
        using var scope = NewDisposeScope();
        var (images, labels) = ImageBatches.Of(TestData.MnistTest(), batchSize: 256).First();
        var attack = new FgsmAttack(new FgsmAttackOptions { Epsilon = epsilon }, AttackSettings.Default);
        var adversarial = AttackRunner.Run(attack, classifier, images, labels, Enumerable.Range(0, 256).Select(i => (long)i).ToArray()).Adversarial;
        var identity = AttackRunner.Run(attack.WithBudget(0), classifier, images, labels, Enumerable.Range(0, 256).Select(i => (long)i).ToArray()).Adversarial;

        Assert.Equal(images.shape, adversarial.shape);
        Assert.True((adversarial - images).abs().max().item<float>() <= epsilon + 1e-6);
        Assert.True(adversarial.min().item<float>() >= 0 && adversarial.max().item<float>() <= 1);
        Assert.Equal(0f, (identity - images).abs().max().item<float>());
        using var inference = inference_mode();
        long clean = classifier.LogProbabilities(images).argmax(1).eq(labels).sum().item<long>();
        long attacked = classifier.LogProbabilities(adversarial).argmax(1).eq(labels).sum().item<long>();
        Assert.True(clean >= 250, $"the shipped cifar-resnet trained on MNIST got {clean} / 256 clean");
        Assert.True(attacked < clean - 25, $"FGSM at 0.1 through the adapter left {attacked} of {clean} correct");
    }
}
