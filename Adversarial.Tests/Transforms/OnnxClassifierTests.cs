using Google.Protobuf;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.ModelFormats;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Onnx;
using Onnx;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>ONNX models as classifiers: layout, output kind, class names, refusals that name what is wrong.</summary>
public sealed class OnnxClassifierTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", name);

    [Fact]
    public void AChannelsLastModelTakesTheSameImagesAndGivesTheSameScores()
    {
        using var first = ModelFormatRegistry.Load(Fixture("lenet.onnx"));
        using var nhwc = ModelFormatRegistry.Load(Fixture("lenet-nhwc.onnx"));
        Assert.Equal(first.InputShape, nhwc.InputShape);
        Assert.Equal(ClassifierOutput.LogProbabilities, nhwc.Output);
        using var scope = NewDisposeScope();
        var (images, _) = ImageBatches.Of(DatasetRegistry.Mnist.Load(DatasetSplit.Test, new DatasetLocator()), 256).First();
        using var inference = no_grad();
        double difference = (first.LogProbabilities(images) - nhwc.LogProbabilities(images)).abs().max().item<float>();
        Assert.True(difference < 1e-5, $"largest difference {difference}");
    }

    [Fact]
    public void InitializersListedAmongTheGraphInputsAreWeightsNotInputs()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Fixture("bn-dropout-gemm.onnx")));
        Assert.True(model.Graph.Input.Count > 1, "the fixture lists its initializers as inputs");
        var imported = OnnxImporter.Load(Fixture("bn-dropout-gemm.onnx"));
        Assert.Equal(["image"], imported.InputNames);
        Assert.Equal(ClassifierOutput.Logits, imported.Output);
    }

    [Fact]
    public void ClassNamesAndOutputKindComeFromTheRequestWhereTheFileCannotSay()
    {
        string[] names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        using var classifier = ModelFormatRegistry.Load(Fixture("bn-dropout-gemm.onnx"),
            new ModelRequest { ClassNames = names, Output = ClassifierOutput.Logits, Mean = [0.5f], Std = [0.25f] });
        Assert.Equal(names, classifier.ClassNames);
        using var defaults = ModelFormatRegistry.Load(Fixture("bn-dropout-gemm.onnx"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i}"), defaults.ClassNames);
    }

    [Fact]
    public void RequestsThatContradictTheFileAreRefusedNamingBoth()
    {
        var wrongKind = Assert.Throws<ArgumentException>(() =>
            ModelFormatRegistry.Load(Fixture("lenet.onnx"), new ModelRequest { Output = ClassifierOutput.Probabilities }));
        Assert.Contains("LogSoftmax", wrongKind.Message);
        var wrongCount = Assert.Throws<ArgumentException>(() =>
            ModelFormatRegistry.Load(Fixture("lenet.onnx"), new ModelRequest { ClassNames = ["a", "b"] }));
        Assert.Contains("2 class names", wrongCount.Message);
        Assert.Contains("10 scores", wrongCount.Message);
        var architecture = Assert.Throws<ArgumentException>(() =>
            ModelFormatRegistry.Load(Fixture("lenet.onnx"), new ModelRequest { Architecture = ArchitectureRegistry.LeNet }));
        Assert.Contains("architecture does not apply", architecture.Message);
        var missingInput = Assert.Throws<ArgumentException>(() =>
            ModelFormatRegistry.Load(Fixture("lenet.onnx"), new ModelRequest { InputName = "pixels" }));
        Assert.Contains("'pixels'", missingInput.Message);
        Assert.Contains("image", missingInput.Message);
    }

    [Fact]
    public void WeightFilesNeedAnArchitectureAndRefuseWhatOnlyOnnxUses()
    {
        var noArchitecture = Assert.Throws<ArgumentException>(() => ModelFormatRegistry.Load(TestData.ShippedModel));
        Assert.Contains(ArchitectureRegistry.All.Names, noArchitecture.Message);
        var ignored = Assert.Throws<ArgumentException>(() => ModelFormatRegistry.Load(TestData.ShippedModel,
            new ModelRequest { Architecture = ArchitectureRegistry.LeNet, Mean = [0.5f], Std = [0.25f], Output = ClassifierOutput.Logits }));
        Assert.Contains("a normalization", ignored.Message);
        Assert.Contains("an output kind", ignored.Message);
        var wrongCount = Assert.Throws<ArgumentException>(() => ModelFormatRegistry.Load(TestData.ShippedModel,
            new ModelRequest { Architecture = ArchitectureRegistry.LeNet, ClassNames = ["a"] }));
        Assert.Contains("10 outputs; 1 class names", wrongCount.Message);
        using var lenet = ModelFormatRegistry.Load(TestData.ShippedModel, new ModelRequest { Architecture = ArchitectureRegistry.LeNet });
        Assert.Equal(ArchitectureRegistry.LeNet.Name, lenet.Architecture);
    }

    [Fact]
    public void EveryUnsupportedNodeOfTheGraphIsListedInOneError()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Fixture("lenet.onnx")));
        var first = model.Graph.Node[0].Clone();
        first.OpType = "LSTM";
        first.Name = "lstm_me";
        var second = model.Graph.Node[1].Clone();
        second.Attribute.Add(new AttributeProto { Name = "mystery", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        second.Name = "odd_attribute";
        model.Graph.Node[0] = first;
        model.Graph.Node[1] = second;
        string path = Path.Combine(Path.GetTempPath(), $"unsupported-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        try
        {
            var error = Assert.Throws<OnnxUnsupportedException>(() => OnnxImporter.Load(path));
            Assert.Contains("2 node(s)", error.Message);
            Assert.Contains("'lstm_me' (LSTM, opset 13): operator not supported (recurrent layers are not run", error.Message);
            Assert.Contains("'odd_attribute'", error.Message);
            Assert.Contains("mystery", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Modified(Action<ModelProto> change)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Fixture("lenet.onnx")));
        change(model);
        string path = Path.Combine(Path.GetTempPath(), $"modified-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    [Fact]
    public void ATruncatedFileIsNotAnOnnxModel()
    {
        byte[] bytes = File.ReadAllBytes(Fixture("lenet.onnx"));
        string path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ModelFormatRegistry.Load(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("not an ONNX model", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AGraphWithTwoImageInputsOrAnInputThatIsNoImageIsRefused()
    {
        string twoInputs = Modified(m =>
        {
            var second = m.Graph.Input[0].Clone();
            second.Name = "second";
            m.Graph.Input.Add(second);
        });
        string flat = Modified(m =>
        {
            var dims = m.Graph.Input[0].Type.TensorType.Shape.Dim;
            while (dims.Count > 2)
                dims.RemoveAt(dims.Count - 1);
        });
        string integers = Modified(m => m.Graph.Input[0].Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Int64);
        try
        {
            Assert.Contains("takes 2 inputs (image, second)", Assert.Throws<ArgumentException>(() => ModelFormatRegistry.Load(twoInputs)).Message);
            Assert.Contains("2 dimensions", Assert.Throws<ArgumentException>(() => ModelFormatRegistry.Load(flat)).Message);
            Assert.Contains("Int64", Assert.Throws<ArgumentException>(() => ModelFormatRegistry.Load(integers)).Message);
        }
        finally
        {
            File.Delete(twoInputs);
            File.Delete(flat);
            File.Delete(integers);
        }
    }
}
