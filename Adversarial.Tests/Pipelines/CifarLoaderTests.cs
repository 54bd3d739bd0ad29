using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class CifarLoaderTests
{
    private static readonly string[] ClassNames =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    [Fact]
    public void RealTestBatchHasAThousandImagesPerClassAndTheOfficialFirstLabels()
    {
        var view = TestData.CifarTest();
        Assert.Equal(10000, view.GetRowCount());
        var image = Assert.IsType<VectorDataViewType>(view.Schema["Image"].Type);
        Assert.Equal([3, 32, 32], image.Dimensions.ToArray());
        VBuffer<ReadOnlyMemory<char>> names = default;
        view.Schema["Label"].GetKeyValues(ref names);
        Assert.Equal(ClassNames, names.DenseValues().Select(n => n.ToString()));

        var labels = view.GetColumn<uint>("Label").Select(k => (int)k - 1).ToArray();
        Assert.Equal([3, 8, 8, 0, 6, 6, 1, 6, 3, 1], labels[..10]);
        Assert.All(labels.GroupBy(l => l), g => Assert.Equal(1000, g.Count()));
        var first = view.GetColumn<float[]>("Image").First();
        Assert.All(first, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void ReadsRecordsAsRedGreenBluePlanes()
    {
        using var folder = new TempFolder();
        var record = new byte[3073];
        record[0] = 9;
        record[1] = 255;            // first red pixel
        record[1 + 1024] = 51;      // first green pixel
        record[1 + 2048 + 1023] = 102; // last blue pixel
        File.WriteAllBytes(folder.File("batch.bin"), record);
        var view = new CifarDataView([folder.File("batch.bin")], ClassNames);
        var pixels = view.GetColumn<float[]>("Image").Single();
        Assert.Equal(1f, pixels[0]);
        Assert.Equal(0.2f, pixels[1024]);
        Assert.Equal(0.4f, pixels[3071]);
        Assert.Equal(10u, view.GetColumn<uint>("Label").Single());
    }

    [Fact]
    public void ThrowsNamingTheFileWhenARecordIsShort()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("short.bin"), new byte[3073 * 2 - 5]);
        var error = Assert.Throws<DatasetUnavailableException>(() => new CifarDataView([folder.File("short.bin")], ClassNames));
        Assert.Contains("short.bin", error.Message);
        Assert.Contains("3068 bytes left over", error.Message);
    }

    [Fact]
    public void ThrowsWhenALabelIsOutOfRange()
    {
        using var folder = new TempFolder();
        var records = new byte[3073 * 2];
        records[3073] = 10;
        File.WriteAllBytes(folder.File("bad.bin"), records);
        var view = new CifarDataView([folder.File("bad.bin")], ClassNames);
        var error = Assert.Throws<DatasetUnavailableException>(() => view.GetColumn<uint>("Label").ToArray());
        Assert.Contains("label 10 at item 1", error.Message);
    }

    [Fact]
    public void ThrowsWhenTheMetaFileDoesNotNameTenClasses()
    {
        using var folder = new TempFolder();
        File.WriteAllLines(folder.File("batches.meta.txt"), ["cat", "dog", ""]);
        var error = Assert.Throws<DatasetUnavailableException>(() => CifarDataView.ReadClassNames(folder.File("batches.meta.txt")));
        Assert.Contains("2 class names", error.Message);
    }

    [Theory]
    [InlineData("../escaped.bin")]
    [InlineData("cifar-10-batches-bin/../../escaped.bin")]
    [InlineData("/tmp/absolute-escape.bin")]
    public void TarExtractionRefusesEntriesThatEscapeTheTarget(string entryName)
    {
        using var folder = new TempFolder();
        string archive = folder.File("evil.tar.gz");
        WriteTarGz(archive, ("cifar-10-batches-bin/ok.txt", "fine"), (entryName, "evil"));
        string target = Path.Combine(folder.Path, "target");
        var error = Assert.Throws<DatasetUnavailableException>(() => SafeTarExtractor.Extract(archive, target));
        Assert.Contains(entryName, error.Message);
        Assert.False(File.Exists(Path.Combine(folder.Path, "escaped.bin")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public void TarExtractionWritesRegularEntriesIntoPlace()
    {
        using var folder = new TempFolder();
        string archive = folder.File("good.tar.gz");
        WriteTarGz(archive, ("cifar-10-batches-bin/batches.meta.txt", string.Join('\n', ClassNames)));
        SafeTarExtractor.Extract(archive, folder.Path);
        Assert.Equal(ClassNames, CifarDataView.ReadClassNames(Path.Combine(folder.Path, "cifar-10-batches-bin", "batches.meta.txt")));
    }

    private static void WriteTarGz(string path, params (string Name, string Content)[] entries)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content) in entries)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
            };
            writer.WriteEntry(entry);
        }
    }
}
