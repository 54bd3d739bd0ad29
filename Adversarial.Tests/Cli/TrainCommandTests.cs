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

    [Theory]
    [InlineData("--epsilon 0.3", "give --adversarial pgd or fgsm-rs")]
    [InlineData("--adversarial pgd", "--epsilon: adversarial training needs a budget")]
    [InlineData("--adversarial pgd --epsilon 1.5", "--epsilon: 1.5 is outside the range it acts on; expected a number from 0 to 1")]
    [InlineData("--adversarial fgsm-rs --epsilon 0.3 --attack-steps 5", "fgsm-rs takes one step")]
    [InlineData("--adversarial trades --epsilon 0.3", "--adversarial: 'trades' is not a known training method; expected one of pgd, fgsm-rs")]
    public void AdversarialOptionsThatCannotWorkTogetherAreOneClearError(string options, string expected)
    {
        using var folder = new TempFolder();
        string errors = CliProcess.Fail(["train", "--dataset", "mnist", "--epochs", "1", "--out", folder.File("never.bin"), .. options.Split(' ')]);
        Assert.Contains(expected, errors);
        Assert.False(File.Exists(folder.File("never.bin")));
    }

    [Fact]
    public void TrainingWithoutAnOutputFileIsRefused() => Assert.NotEqual(0, Invoke("train", "--dataset", "mnist", "--epochs", "1"));
}
