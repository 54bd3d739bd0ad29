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
        string? saved = Environment.GetEnvironmentVariable(DatasetLocator.EnvironmentVariable);
        Environment.SetEnvironmentVariable(DatasetLocator.EnvironmentVariable, null);
        try
        {
            // Port 9 (discard) on loopback refuses the connection at once, as an offline machine would.
            var locator = new DatasetLocator(cacheRoot: cache.Path, mirrorsOverride: ["http://127.0.0.1:9/"]);
            var error = Assert.Throws<DatasetUnavailableException>(() =>
                locator.Locate(MnistFiles.Name, MnistFiles.TestLabels, MnistFiles.Mirrors));
            Assert.Contains("could not be downloaded", error.Message);
            Assert.Contains(Path.Combine(cache.Path, MnistFiles.Name), error.Message);
            Assert.Empty(Directory.EnumerateFiles(cache.Path, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatasetLocator.EnvironmentVariable, saved);
        }
    }
}
