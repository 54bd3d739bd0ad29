using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class ImageFolderTests
{
    private const int Images = 30;

    private sealed class Prediction
    {
        public uint PredictedLabel { get; set; }

        public string ImagePath { get; set; } = "";
    }

    [Fact]
    public void GrayscaleFolderGivesTheSamePredictionsAsTheMnistLoader()
    {
        using var lenet = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        AssertFolderMatchesLoader(TestData.MnistTest(), lenet);
    }

    [Fact]
    public void ColourFolderGivesTheSamePredictionsAsTheCifarLoader()
    {
        using var resnet = TorchImageClassifier.LoadCifarResNet(TestData.ShippedCifarModel);
        AssertFolderMatchesLoader(TestData.CifarTest(), resnet);
    }

    [Fact]
    public void ThrowsForAnEmptyFolder()
    {
        using var folder = new TempFolder();
        using var lenet = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        var error = Assert.Throws<DatasetUnavailableException>(() =>
            ImageFolderLoader.Load(new MLContext(), folder.Path, lenet.InputShape, lenet.ClassNames));
        Assert.Contains("holds no .png/.jpg/.jpeg images", error.Message);
    }

    [Fact]
    public void ThrowsNamingAnUnreadableImage()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "3"));
        string broken = Path.Combine(folder.Path, "3", "broken.png");
        File.WriteAllBytes(broken, [1, 2, 3, 4]);
        using var lenet = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        var error = Assert.Throws<DatasetUnavailableException>(() =>
            ImageFolderLoader.Load(new MLContext(), folder.Path, lenet.InputShape, lenet.ClassNames));
        Assert.Contains(broken, error.Message);
    }

    [Fact]
    public void ThrowsWhenClassFoldersDoNotMatchTheModel()
    {
        using var folder = new TempFolder();
        var view = TestData.MnistTest();
        WritePngs(view, folder.Path, 2, ["cat", "dog"]);
        using var lenet = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        var error = Assert.Throws<DatasetUnavailableException>(() =>
            ImageFolderLoader.Load(new MLContext(), folder.Path, lenet.InputShape, lenet.ClassNames));
        Assert.Contains("2 class folders", error.Message);
        Assert.Contains("the model has 10 classes", error.Message);
    }

    private static void AssertFolderMatchesLoader(ByteImageDataView view, TorchImageClassifier classifier)
    {
        using var folder = new TempFolder();
        WritePngs(view, folder.Path, Images, view.ClassNames);
        var ml = new MLContext(seed: 0);
        var scoring = ml.Transforms.ScoreImages(classifier);

        var builtIn = ml.Data.TakeRows(view, Images);
        var expected = scoring.Fit(builtIn).Transform(builtIn).GetColumn<uint>("PredictedLabel").ToArray();
        var expectedPixels = builtIn.GetColumn<float[]>("Image").ToArray();

        var fromFolder = ImageFolderLoader.Load(ml, folder.Path, classifier.InputShape, classifier.ClassNames);
        var scored = scoring.Fit(fromFolder).Transform(fromFolder);
        var predictions = ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).ToArray();
        var pixels = fromFolder.GetColumn<float[]>("Image").ToArray();
        var labels = fromFolder.GetColumn<uint>("Label").ToArray();
        var builtInLabels = builtIn.GetColumn<uint>("Label").ToArray();
        Assert.Equal(Images, predictions.Length);
        for (int row = 0; row < predictions.Length; row++)
        {
            int index = int.Parse(Path.GetFileNameWithoutExtension(predictions[row].ImagePath), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(builtInLabels[index], labels[row]);
            Assert.Equal(expected[index], predictions[row].PredictedLabel);
            Assert.All(pixels[row].Zip(expectedPixels[index]), p => Assert.Equal(p.Second, p.First, 1e-6f));
        }
    }

    /// <summary>Writes the first images of a view as 8-bit PNGs under folder/class/index.png.</summary>
    private static void WritePngs(ByteImageDataView view, string folder, int count, IReadOnlyList<string> folderNames)
    {
        var shape = view.Shape;
        int plane = shape.Height * shape.Width;
        var images = view.GetColumn<float[]>("Image").Take(count).ToArray();
        var labels = view.GetColumn<uint>("Label").Take(count).ToArray();
        for (int i = 0; i < count; i++)
        {
            var bgra = new byte[plane * 4];
            for (int p = 0; p < plane; p++)
            {
                byte Channel(int c) => (byte)Math.Round(images[i][(shape.Channels == 1 ? 0 : c) * plane + p] * 255);
                bgra[4 * p] = Channel(2);
                bgra[4 * p + 1] = Channel(1);
                bgra[4 * p + 2] = Channel(0);
                bgra[4 * p + 3] = 255;
            }
            string classFolder = Path.Combine(folder, folderNames[(int)(labels[i] - 1) % folderNames.Count]);
            Directory.CreateDirectory(classFolder);
            using var image = MLImage.CreateFromPixels(shape.Width, shape.Height, MLPixelFormat.Bgra32, bgra);
            image.Save(Path.Combine(classFolder, $"{i:D4}.png"));
        }
    }
}
