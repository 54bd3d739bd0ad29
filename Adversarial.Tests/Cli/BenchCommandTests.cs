using System.CommandLine;
using System.Text.Json;
using MlNetAdversarial.Cli;

namespace MlNetAdversarial.Tests.Cli;

public sealed class BenchCommandTests
{
    private static int Invoke(params string[] args) => new RootCommand { BenchCommand.Create() }.Parse(args).Invoke();

    [Fact]
    public void AScenarioReportsItsRateAndMemory()
    {
        using var folder = new TempFolder();
        string json = folder.File("bench.json");
        Assert.Equal(0, Invoke("bench", "--scenario", "mnist-fgsm-tensors", "--runs", "3", "--child-json", json));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        var runs = root.GetProperty("runs").EnumerateArray().Select(r => r.GetDouble()).ToArray();
        Assert.Equal(3, runs.Length);
        double median = root.GetProperty("medianSeconds").GetDouble();
        Assert.Equal(runs.Order().ElementAt(1), median);
        Assert.Equal(70000, root.GetProperty("attackedImages").GetInt64());
        Assert.Equal(70000 / median, root.GetProperty("imagesPerSecond").GetDouble(), 6);
        // This test process's own peak is a lower bound: the scenario ran in it and loaded the same libraries.
        double peak = root.GetProperty("peakRssMegabytes").GetDouble();
        Assert.InRange(peak, 50, System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0 + 1);
    }

    [Fact]
    public void AModelScenarioAttacksTheGivenFileOnTheFirstImages()
    {
        using var folder = new TempFolder();
        string json = folder.File("bench.json");
        string model = Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "cifar-resnet.onnx");
        Assert.Equal(0, Invoke("bench", "--scenario", "cifar-fgsm-model", "--model", model, "--limit", "40", "--runs", "1", "--child-json", json));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        // The clean images and the five attacked versions of each, scored.
        Assert.Equal(40 * 6, document.RootElement.GetProperty("attackedImages").GetInt64());
    }

    [Fact]
    public void AModelScenarioNeedsAModelAndAShippedOneRefusesIt()
    {
        Assert.Equal(1, Invoke("bench", "--scenario", "cifar-pgd10-model"));
        string model = Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "cifar-resnet.onnx");
        Assert.Equal(1, Invoke("bench", "--scenario", "mnist-fgsm", "--model", model));
    }

    [Theory]
    [InlineData("--scenario", "nope")]
    [InlineData("--runs", "0")]
    public void BadArgumentsFailWithExitCodeOne(string option, string value) => Assert.Equal(1, Invoke("bench", option, value));
}
