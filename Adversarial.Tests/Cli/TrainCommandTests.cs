using System.CommandLine;
using MlNetAdversarial.Cli;

namespace MlNetAdversarial.Tests.Cli;

/// <summary><c>train</c> writes where it is told and never replaces a file it was not allowed to.</summary>
public sealed class TrainCommandTests
{
    private static int Invoke(params string[] args) => new RootCommand { TrainCommand.Create() }.Parse(args).Invoke();

    [Fact]
    public void AnExistingOutputIsRefusedWithoutForceAndLeftAsItWas()
    {
        using var folder = new TempFolder();
        string output = folder.File("mine.bin");
        File.WriteAllText(output, "keep me");
        Assert.Equal(1, Invoke("train", "--dataset", "mnist", "--epochs", "1", "--out", output));
        Assert.Equal("keep me", File.ReadAllText(output));
    }

    [Fact]
    public void TrainingWithoutAnOutputFileIsRefused() => Assert.NotEqual(0, Invoke("train", "--dataset", "mnist", "--epochs", "1"));
}
