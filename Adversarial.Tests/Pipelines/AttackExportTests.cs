using MlNetAdversarial.Transforms.Attacks;
using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Transforms;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class AttackExportTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    [Fact]
    public void ReloadedDatasetGivesTheReportedAccuracy()
    {
        var saved = SavedFormat.Mnist.LoadVerified(fixture.Output);
        Assert.Equal(ExportFixture.Rows, saved.GetRowCount());
        var metrics = fixture.Ml.MulticlassClassification.Evaluate(
            fixture.Ml.Transforms.ScoreImages(fixture.Classifier).Fit(saved).Transform(saved));
        var report = fixture.Report.Saved!;
        Assert.Equal(report.Accuracy, metrics.MicroAccuracy, 12);
        // Quantization moves accuracy a little, never by much.
        Assert.InRange(Math.Abs(report.Difference), 0, 0.03);
        Assert.True(report.Accuracy < fixture.Report.Sweep.Epsilons[0].Accuracy - 0.05, "the saved dataset must still be worse than the clean one");
    }

    [Fact]
    public void SavedImagesKeepTheBudgetAndTheLabels()
    {
        var saved = SavedFormat.Mnist.Load(fixture.Output);
        var clean = fixture.Ml.Data.TakeRows(fixture.Source, ExportFixture.Rows);
        var savedImages = saved.GetColumn<float[]>("Image").ToArray();
        var cleanImages = clean.GetColumn<float[]>("Image").ToArray();
        Assert.Equal(clean.GetColumn<uint>("Label").ToArray(), saved.GetColumn<uint>("Label").ToArray());
        for (int i = 0; i < savedImages.Length; i++)
            Assert.All(savedImages[i].Zip(cleanImages[i]), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, ExportFixture.Epsilon + 1e-6));
        Assert.True(fixture.Report.Sweep.Epsilons[1].Norms!.LInfMax <= ExportFixture.Epsilon + 1e-6);
    }

    [Fact]
    public void WritesPngsManifestReportAndPlots()
    {
        string pngs = Path.Combine(fixture.Output, "png");
        Assert.Equal(ExportFixture.Rows, Directory.EnumerateFiles(pngs, "*.png", SearchOption.AllDirectories).Count());
        Assert.Equal(MnistDataView.Digits, Directory.GetDirectories(pngs).Select(d => Path.GetFileName(d)!).Order().ToArray());
        Assert.All(fixture.Manifest.Files, f => Assert.True(File.Exists(Path.Combine(fixture.Output, f.Path)), f.Path));
        Assert.Contains(fixture.Manifest.Files, f => f.Path == "t10k-images-idx3-ubyte");
        string markdown = File.ReadAllText(Path.Combine(fixture.Output, "report.md"));
        Assert.Contains("McNemar", markdown);
        Assert.Contains("Newcombe", markdown);
        Assert.Contains("![adversarial-examples](plots/adversarial-examples.png)", markdown);
        foreach (string plot in new[] { "accuracy-vs-epsilon", "adversarial-examples", "confusion-clean", "confusion-attacked", "per-class-accuracy" })
        {
            var (width, height) = PngSize(Path.Combine(fixture.Output, "plots", plot + ".png"));
            Assert.True(width >= 400 && height >= 200, $"{plot}.png is {width}x{height}");
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(fixture.Output, "plots", plot + ".svg")));
        }
        // One grid row per ε: 90 px of title plus 152 px per row (see SampleGridPlot).
        Assert.Equal(90 + 2 * 152, PngSize(Path.Combine(fixture.Output, "plots", "adversarial-examples.png")).Height);
    }

    [Fact]
    public void PngFolderLoadsBackWithTheSameLabels()
    {
        var folder = ImageFolderLoader.Load(fixture.Ml, Path.Combine(fixture.Output, "png"), fixture.Classifier.InputShape, fixture.Classifier.ClassNames);
        var saved = SavedFormat.Mnist.Load(fixture.Output);
        var expected = saved.GetColumn<uint>("Label").Order().ToArray();
        Assert.Equal(expected, folder.GetColumn<uint>("Label").Order().ToArray());
    }

    [Fact]
    public void TamperedFilesFailTheManifestCheckNamingTheFile()
    {
        using var copy = new TempFolder();
        foreach (string file in new[] { "manifest.json", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            File.Copy(Path.Combine(fixture.Output, file), copy.File(file));
        var bytes = File.ReadAllBytes(copy.File("t10k-images-idx3-ubyte"));
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(copy.File("t10k-images-idx3-ubyte"), bytes);
        var error = Assert.Throws<DatasetUnavailableException>(() => SavedFormat.Mnist.LoadVerified(copy.Path));
        Assert.Contains("t10k-images-idx3-ubyte", error.Message);
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void RefusesToOverwriteWithoutForceAndReplacesWithIt()
    {
        using var folder = new TempFolder();
        string output = folder.File("existing");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");
        var data = fixture.Ml.Data.TakeRows(fixture.Source, 20);
        var request = new AttackExportRequest(SavedFormat.Mnist, [], TestData.ShippedModel, Fgsm(0.1), output);
        var error = Assert.Throws<IOException>(() => AttackExport.Run(fixture.Ml, fixture.Classifier, fixture.Source, data, request));
        Assert.Contains("already exists; pass force: true", error.Message);
        Assert.True(File.Exists(Path.Combine(output, "keep.txt")));

        AttackExport.Run(fixture.Ml, fixture.Classifier, fixture.Source, data, request with { Force = true });
        Assert.False(File.Exists(Path.Combine(output, "keep.txt")));
        Assert.True(File.Exists(Path.Combine(output, DatasetManifest.FileName)));
        Assert.Single(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AnInterruptedExportLeavesNothingBehind()
    {
        using var folder = new TempFolder();
        string output = folder.File("interrupted");
        using var cancellation = new CancellationTokenSource();
        var progress = new Progress(done => { if (done >= 256) cancellation.Cancel(); });
        var data = fixture.Ml.Data.TakeRows(fixture.Source, 2000);
        Assert.ThrowsAny<OperationCanceledException>(() => AttackExport.Run(fixture.Ml, fixture.Classifier, fixture.Source, data,
            new AttackExportRequest(SavedFormat.Mnist, [], TestData.ShippedModel, Fgsm(0.1), output), progress, cancellation.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void EpsilonZeroExportIsByteIdenticalToTheOfficialMnistTestSet()
    {
        using var folder = new TempFolder();
        string output = folder.File("mnist-eps0");
        AttackExport.Run(fixture.Ml, fixture.Classifier, fixture.Source, fixture.Source,
            new AttackExportRequest(SavedFormat.Mnist, [], TestData.ShippedModel, Fgsm(0), output));
        Assert.Equal(Gunzip(fixture.Source.ImagesPath), File.ReadAllBytes(Path.Combine(output, "t10k-images-idx3-ubyte")));
        Assert.Equal(Gunzip(fixture.Source.LabelsPath), File.ReadAllBytes(Path.Combine(output, "t10k-labels-idx1-ubyte")));
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var header = File.ReadAllBytes(path)[..24];
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private static FgsmAttack Fgsm(double epsilon) => new(new FgsmAttackOptions { Epsilon = epsilon });
}
