using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class MnistLoaderTests
{
    [Fact]
    public void RealTestSetHasTheOfficialLabelHistogramAndSchema()
    {
        var view = TestData.MnistTest();
        Assert.Equal(10000, view.GetRowCount());
        var image = Assert.IsType<VectorDataViewType>(view.Schema["Image"].Type);
        Assert.Equal([1, 28, 28], image.Dimensions.ToArray());
        Assert.Equal(NumberDataViewType.Single, image.ItemType);
        var label = Assert.IsType<KeyDataViewType>(view.Schema["Label"].Type);
        Assert.Equal(10UL, label.Count);
        VBuffer<ReadOnlyMemory<char>> names = default;
        view.Schema["Label"].GetKeyValues(ref names);
        Assert.Equal(MnistDataView.Digits, names.DenseValues().Select(n => n.ToString()));

        var histogram = new int[10];
        float min = float.MaxValue, max = float.MinValue;
        using var cursor = view.GetRowCursor(view.Schema);
        var labels = cursor.GetGetter<uint>(view.Schema["Label"]);
        var images = cursor.GetGetter<VBuffer<float>>(view.Schema["Image"]);
        uint key = 0;
        VBuffer<float> pixels = default;
        while (cursor.MoveNext())
        {
            labels(ref key);
            histogram[key - 1]++;
            images(ref pixels);
            min = Math.Min(min, pixels.GetValues().ToArray().Min());
            max = Math.Max(max, pixels.GetValues().ToArray().Max());
        }
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], histogram);
        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
    }

    [Fact]
    public void ReadsRawAndGzipFilesAlike()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("images"), IdxFixtures.Images(3, fill: 51));
        File.WriteAllBytes(folder.File("labels"), IdxFixtures.Labels(7, 0, 9));
        IdxFixtures.WriteGzip(folder.File("images.gz"), IdxFixtures.Images(3, fill: 51));
        IdxFixtures.WriteGzip(folder.File("labels.gz"), IdxFixtures.Labels(7, 0, 9));
        var ml = new MLContext();
        foreach (var (images, labels) in new[] { ("images", "labels"), ("images.gz", "labels.gz") })
        {
            var view = new MnistDataView(folder.File(images), folder.File(labels));
            Assert.Equal([8u, 1u, 10u], view.GetColumn<uint>("Label").ToArray());
            Assert.All(view.GetColumn<float[]>("Image"), pixels => Assert.All(pixels, p => Assert.Equal(0.2f, p)));
        }
    }

    [Fact]
    public void ThrowsNamingTheFileWhenMagicIsWrong()
    {
        using var folder = new TempFolder();
        var images = IdxFixtures.Images(2);
        images[3] = 0x02;
        File.WriteAllBytes(folder.File("images"), images);
        File.WriteAllBytes(folder.File("labels"), IdxFixtures.Labels(1, 2));
        var error = Assert.Throws<DatasetUnavailableException>(() => new MnistDataView(folder.File("images"), folder.File("labels")));
        Assert.Contains(folder.File("images"), error.Message);
        Assert.Contains("0x00000802", error.Message);
        Assert.Contains("expected 0x00000803", error.Message);
    }

    [Fact]
    public void ThrowsWhenARawFileIsTruncated()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("images"), IdxFixtures.Images(2)[..^10]);
        File.WriteAllBytes(folder.File("labels"), IdxFixtures.Labels(1, 2));
        var error = Assert.Throws<DatasetUnavailableException>(() => new MnistDataView(folder.File("images"), folder.File("labels")));
        Assert.Contains("1584", error.Message);
        Assert.Contains("1574", error.Message);
    }

    [Fact]
    public void ThrowsWhileReadingWhenAGzipFileIsTruncated()
    {
        using var folder = new TempFolder();
        IdxFixtures.WriteGzip(folder.File("images.gz"), IdxFixtures.Images(3)[..^100]);
        IdxFixtures.WriteGzip(folder.File("labels.gz"), IdxFixtures.Labels(1, 2, 3));
        var view = new MnistDataView(folder.File("images.gz"), folder.File("labels.gz"));
        var error = Assert.Throws<DatasetUnavailableException>(() => view.GetColumn<float[]>("Image").ToArray());
        Assert.Contains("truncated", error.Message);
        Assert.Contains("after 2 of 3 items", error.Message);
    }

    [Fact]
    public void ThrowsWhenImageAndLabelCountsDiffer()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("images"), IdxFixtures.Images(2));
        File.WriteAllBytes(folder.File("labels"), IdxFixtures.Labels(1, 2, 3));
        var error = Assert.Throws<DatasetUnavailableException>(() => new MnistDataView(folder.File("images"), folder.File("labels")));
        Assert.Contains("2 images", error.Message);
        Assert.Contains("3 labels", error.Message);
    }

    [Fact]
    public void ThrowsWhenImagesAreNot28By28()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("images"), IdxFixtures.Images(2, side: 32));
        File.WriteAllBytes(folder.File("labels"), IdxFixtures.Labels(1, 2));
        var error = Assert.Throws<DatasetUnavailableException>(() => new MnistDataView(folder.File("images"), folder.File("labels")));
        Assert.Contains("32x32", error.Message);
    }

    [Fact]
    public void ThrowsWhenALabelIsNotADigit()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("images"), IdxFixtures.Images(2));
        File.WriteAllBytes(folder.File("labels"), IdxFixtures.Labels(1, 12));
        var view = new MnistDataView(folder.File("images"), folder.File("labels"));
        var error = Assert.Throws<DatasetUnavailableException>(() => view.GetColumn<uint>("Label").ToArray());
        Assert.Contains("label 12 at item 1", error.Message);
    }
}
