using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

public sealed class WeightsInteropTests
{
    [Theory]
    [InlineData("lenet.pt")]
    [InlineData("lenet.safetensors")]
    [InlineData("lenet.bin")]
    public void ExportedWeightsReloadToIdenticalLogits(string fileName)
    {
        using var folder = new TempFolder();
        using var original = new LeNet();
        WeightsFiles.Load(original, TestData.ShippedModel);
        WeightsFiles.Save(original, folder.File(fileName), WeightsFiles.FormatOf(fileName));

        using var shipped = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        using var reloaded = TorchImageClassifier.LoadLeNet(folder.File(fileName));
        using var scope = NewDisposeScope();
        manual_seed(4);
        var images = rand(64, 1, 28, 28);
        using var inference = inference_mode();
        Assert.True(shipped.LogProbabilities(images).equal(reloaded.LogProbabilities(images)).all().item<bool>());
    }

    [Fact]
    public void AnotherNetworksWeightsListMissingAndUnexpectedKeys()
    {
        using var folder = new TempFolder();
        using var resnet = new CifarResNet();
        WeightsFiles.Save(resnet, folder.File("resnet.pt"), WeightsFormat.PyTorch);
        var error = Assert.Throws<InvalidDataException>(() => TorchImageClassifier.LoadLeNet(folder.File("resnet.pt")));
        Assert.Contains("resnet.pt", error.Message);
        Assert.Contains("Missing keys: conv1.bias, conv1.weight", error.Message);
        Assert.Contains("Unexpected keys:", error.Message);
        Assert.Contains("prep.conv.weight", error.Message);
    }

    [Fact]
    public void WrongShapesAreListedWithBothShapes()
    {
        using var folder = new TempFolder();
        using var narrow = new CifarResNet(width: 8);
        WeightsFiles.Save(narrow, folder.File("narrow.safetensors"), WeightsFormat.Safetensors);
        var error = Assert.Throws<InvalidDataException>(() => TorchImageClassifier.LoadCifarResNet(folder.File("narrow.safetensors")));
        Assert.Contains("Wrong shapes:", error.Message);
        Assert.Contains("prep.conv.weight: file [8, 3, 3, 3], network [16, 3, 3, 3]", error.Message);
    }
}
