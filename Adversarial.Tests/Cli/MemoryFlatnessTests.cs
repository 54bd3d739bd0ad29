using System.Text.Json;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>
/// The sweep streams: attacking the 60,000 MNIST training images must not need much more memory than
/// the 10,000 test images. Each run is its own process (the bench command's child mode), so each peak
/// is its own; each scenario runs twice and keeps its lower peak, because where glibc leaves freed
/// pages makes identical runs differ by a few MB.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Slow)]
[Collection(nameof(MemoryFlatnessTests))]
[CollectionDefinition(nameof(MemoryFlatnessTests), DisableParallelization = true)]
public sealed class MemoryFlatnessTests
{
    [Fact]
    public void SweepingSixTimesMoreImagesCostsUnderTenPercentMorePeakMemory()
    {
        double test = Math.Min(PeakMegabytes("mnist-fgsm"), PeakMegabytes("mnist-fgsm"));
        double train = Math.Min(PeakMegabytes("mnist-fgsm-train"), PeakMegabytes("mnist-fgsm-train"));
        Assert.True(train < 1.10 * test,
            $"Peak RSS {train:0} MB for the 60,000 training images vs {test:0} MB for the 10,000 test images (limit +10%).");
    }

    private static double PeakMegabytes(string scenario)
    {
        using var folder = new TempFolder();
        string json = folder.File($"{scenario}.json");
        CliProcess.Run(null, "bench", "--scenario", scenario, "--runs", "1", "--child-json", json);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return document.RootElement.GetProperty("peakRssMegabytes").GetDouble();
    }
}
