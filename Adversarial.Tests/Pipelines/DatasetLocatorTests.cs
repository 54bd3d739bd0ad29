using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class DatasetLocatorTests
{
    [Fact]
    public void FindsVerifiedFilesInTheDataDirectory()
    {
        string shared = Path.GetDirectoryName(TestData.MnistTest().ImagesPath)!;
        var locator = new DatasetLocator(dataDir: shared);
        Assert.Equal(Path.Combine(shared, MnistFiles.TestLabels.CompressedName),
            locator.Locate(MnistFiles.Name, MnistFiles.TestLabels, MnistFiles.Mirrors));
    }

    [Fact]
    public void RejectsAFileWhoseChecksumDiffers()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File(MnistFiles.TestLabels.CompressedName), [1, 2, 3]);
        var error = Assert.Throws<DatasetUnavailableException>(() =>
            new DatasetLocator(dataDir: folder.Path).Locate(MnistFiles.Name, MnistFiles.TestLabels, MnistFiles.Mirrors));
        Assert.Contains(MnistFiles.TestLabels.CompressedMd5, error.Message);
        Assert.Contains("corrupt", error.Message);
    }

    [Fact]
    public void SaysWhatToDownloadWhenTheDataDirectoryLacksAFile()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<DatasetUnavailableException>(() =>
            new DatasetLocator(dataDir: folder.Path).Locate(MnistFiles.Name, MnistFiles.TestImages, MnistFiles.Mirrors));
        Assert.Contains(folder.Path, error.Message);
        Assert.Contains(MnistFiles.Mirrors[0] + MnistFiles.TestImages.CompressedName, error.Message);
        Assert.Contains(MnistFiles.TestImages.CompressedMd5, error.Message);
    }

    [Fact]
    public void OfflineWithoutDataGivesOneClearErrorAndLeavesNoPartialFile()
    {
        using var cache = new TempFolder();
        using var noSharedData = new EnvironmentVariableScope(DatasetLocator.EnvironmentVariable, null);
        var error = Assert.Throws<DatasetUnavailableException>(() =>
            Offline(cache).Locate(MnistFiles.Name, MnistFiles.TestLabels, MnistFiles.Mirrors));
        Assert.Contains("could not be downloaded", error.Message);
        Assert.Contains(Path.Combine(cache.Path, MnistFiles.Name), error.Message);
        Assert.Empty(Directory.EnumerateFiles(cache.Path, "*", SearchOption.AllDirectories));
    }

    /// <summary>A locator with only <paramref name="cache"/> and a mirror that refuses at once: port 9 (discard) on loopback, as an offline machine would.</summary>
    private static DatasetLocator Offline(TempFolder cache) => new(cacheRoot: cache.Path, mirrorsOverride: ["http://127.0.0.1:9/"]);

    [Fact]
    public void NamesEveryMissingFileOfTheDatasetAndWhereItLookedInOneMessage()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<DatasetUnavailableException>(() => MnistLoader.Load(DatasetSplit.Test, new DatasetLocator(dataDir: folder.Path)));
        Assert.Contains(MnistFiles.TestImages.CompressedName, error.Message);
        Assert.Contains(MnistFiles.TestLabels.CompressedName, error.Message);
        Assert.Contains("2 file(s)", error.Message);
        Assert.Contains(Path.Combine(folder.Path, MnistFiles.Name), error.Message);
    }

    [Fact]
    public void OfflineNamesEveryFileThatCouldNotBeDownloaded()
    {
        using var cache = new TempFolder();
        using var noSharedData = new EnvironmentVariableScope(DatasetLocator.EnvironmentVariable, null);
        var error = Assert.Throws<DatasetUnavailableException>(() => MnistLoader.Load(DatasetSplit.Train, Offline(cache)));
        Assert.Contains(MnistFiles.TrainImages.CompressedName, error.Message);
        Assert.Contains(MnistFiles.TrainLabels.CompressedName, error.Message);
        Assert.Contains("could not be downloaded", error.Message);
        Assert.Empty(Directory.EnumerateFiles(cache.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void ACifarFolderMissingOneFileNamesThatFileNotOnlyTheArchive()
    {
        using var folder = new TempFolder();
        string batches = Path.Combine(folder.Path, CifarFiles.BatchFolder);
        Directory.CreateDirectory(batches);
        string shared = Path.GetDirectoryName(TestData.CifarTestBatchPath())!;
        File.CreateSymbolicLink(Path.Combine(batches, CifarFiles.TestBatch.CompressedName), Path.Combine(shared, CifarFiles.TestBatch.CompressedName));
        var error = Assert.Throws<DatasetUnavailableException>(() => CifarLoader.Load(DatasetSplit.Test, new DatasetLocator(dataDir: folder.Path)));
        Assert.Contains(CifarFiles.Meta.CompressedName, error.Message);
        Assert.DoesNotContain(CifarFiles.TestBatch.CompressedName + " (", error.Message);
        Assert.Contains(batches, error.Message);
    }

    [Fact]
    public async Task ReportsDownloadProgressUpToTheWholeFile()
    {
        using var cache = new TempFolder();
        using var server = new System.Net.HttpListener();
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        byte[] labels = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(TestData.MnistTest().ImagesPath)!, MnistFiles.TestLabels.CompressedName));
        var serving = Task.Run(async () =>
        {
            var context = await server.GetContextAsync();
            context.Response.ContentLength64 = labels.Length;
            await context.Response.OutputStream.WriteAsync(labels);
            context.Response.Close();
        });
        var reports = new List<DownloadProgress>();
        var locator = new DatasetLocator(cacheRoot: cache.Path, mirrorsOverride: [$"http://127.0.0.1:{port}/"],
            progress: new SynchronousProgress(reports.Add));
        using var noSharedData = new EnvironmentVariableScope(DatasetLocator.EnvironmentVariable, null);
        string path = locator.Locate(MnistFiles.Name, MnistFiles.TestLabels, MnistFiles.Mirrors);
        await serving;
        Assert.Equal(labels, File.ReadAllBytes(path));
        Assert.NotEmpty(reports);
        Assert.Equal(labels.Length, reports[^1].Bytes);
        Assert.All(reports, r => Assert.Equal(labels.Length, r.TotalBytes));
    }

    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
