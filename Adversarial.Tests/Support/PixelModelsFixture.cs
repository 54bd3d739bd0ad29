using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.ModelFormats;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests;

/// <summary>
/// Two ML.NET models trained on raw MNIST pixels (the first 5,000 training images, the Image column as features) and saved as
/// .zip files: SDCA maximum entropy (linear) and LightGBM (gradient-boosted trees). The black-box tests attack them.
/// </summary>
public sealed class PixelModelsFixture : IDisposable
{
    private const int TrainingRows = 5000;
    private readonly TempFolder _folder = new();

    public PixelModelsFixture()
    {
        var train = Ml.Data.TakeRows(TestData.MnistTrain(), TrainingRows);
        var sdca = Ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(ByteImageDataView.LabelColumn, ByteImageDataView.ImageColumn, maximumNumberOfIterations: 20);
        var lightGbm = Ml.MulticlassClassification.Trainers.LightGbm(ByteImageDataView.LabelColumn, ByteImageDataView.ImageColumn, numberOfIterations: 40);
        Sdca = Save("mnist-sdca.zip", sdca.Fit(train), train.Schema);
        LightGbm = Save("mnist-lightgbm.zip", lightGbm.Fit(train), train.Schema);
    }

    public MLContext Ml { get; } = new(seed: 0);

    /// <summary>The SDCA maximum-entropy model file.</summary>
    public string Sdca { get; }

    /// <summary>The LightGBM model file.</summary>
    public string LightGbm { get; }

    /// <summary>The model file of "sdca" or "lightgbm".</summary>
    public string File(string name) => name == "sdca" ? Sdca : LightGbm;

    /// <summary>A model file as the black-box classifier the command line would load for MNIST.</summary>
    public TorchImageClassifier Load(string name) => ModelFormatRegistry.Load(File(name), new ModelRequest
    {
        InputShape = DatasetRegistry.Mnist.Shape, ClassNames = DatasetRegistry.Mnist.ClassNames,
    });

    /// <summary>SDCA on the digits 0–2 only, re-keyed from their values: a model that gives three scores, and its input schema.</summary>
    public (ITransformer Model, DataViewSchema Schema) ThreeDigitModel(int rows)
    {
        var three = Ml.Data.FilterRowsByKeyColumnFraction(Ml.Data.TakeRows(TestData.MnistTrain(), rows), ByteImageDataView.LabelColumn, 0, 0.3);
        var model = Ml.Transforms.Conversion.MapKeyToValue("Digit", ByteImageDataView.LabelColumn)
            .Append(Ml.Transforms.Conversion.MapValueToKey("Three", "Digit"))
            .Append(Ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Three", ByteImageDataView.ImageColumn, maximumNumberOfIterations: 2))
            .Fit(three);
        return (model, three.Schema);
    }

    public void Dispose() => _folder.Dispose();

    private string Save(string name, ITransformer model, DataViewSchema schema)
    {
        string path = Path.Combine(_folder.Path, name);
        Ml.Model.Save(model, schema, path);
        return path;
    }
}
