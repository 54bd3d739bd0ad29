using System.CommandLine;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Cli;

namespace MlNetAdversarial.Tests;

public sealed class BenchCommandTests
{
    private static int Invoke(params string[] args) => new RootCommand { BenchCommand.Create() }.Parse(args).Invoke();

    [Fact]
    public void AScenarioReportsItsRateAndMemory()
    {
        using var folder = new TempFolder();
        string json = folder.File("bench.json");
        Assert.Equal(0, Invoke("bench", "--scenario", "mnist-fgsm-tensors", "--runs", "1", "--child-json", json));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal(70000, root.GetProperty("attackedImages").GetInt64());
        Assert.True(root.GetProperty("imagesPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("peakRssMegabytes").GetDouble() > 0);
        Assert.Equal(1, root.GetProperty("runs").GetArrayLength());
    }

    [Theory]
    [InlineData("--scenario", "nope")]
    [InlineData("--runs", "0")]
    public void BadArgumentsFailWithExitCodeOne(string option, string value) => Assert.Equal(1, Invoke("bench", option, value));
}
