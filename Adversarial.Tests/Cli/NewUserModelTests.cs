using SkiaSharp;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>
/// A new user's own models and images, through the real process (issue 30): a model that cannot fit the data is refused in
/// one line before any data is read, a model that does not work on the data is said to, and a broken image is named.
/// </summary>
public sealed class NewUserModelTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", name);

    [Theory]
    [InlineData("sweep")]
    [InlineData("attack")]
    public void AModelWithTooFewOutputsIsRefusedBeforeAnyDataIsRead(string command)
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        string errors = CliProcess.Fail(command, "--dataset", "mnist", "--model", Fixture("five-classes.onnx"), "--limit", "20", "--out", output);
        Assert.Contains("five-classes.onnx: the model gives 5 scores per image, but mnist has 10 classes", errors);
        CliErrors.AssertOneClearLine(errors);
        Assert.False(Directory.Exists(output), "the refused run wrote its output folder");
    }

    [Fact]
    public void AUsersOwnCnnWithLeakyReluAndEluRunsTheStrongAttacks()
    {
        // The crash of a user's run: LeakyRelu's alpha freed by the garbage collector (see OnnxGcStressTests for the race itself).
        var (output, errors) = CliProcess.RunWithErrors("sweep", "--dataset", "mnist", "--model", Fixture("leaky-bn-cnn.onnx"), "--attack", "apgd-ce",
            "--steps", "10", "--limit", "64", "--epsilons", "0.1");
        Assert.Contains("Attack: apgd-ce", output);
        Assert.Contains("Epsilon: 0.1", output);
        Assert.DoesNotContain("error", errors);
    }

    [Fact]
    public void AGreyModelOfAnySizeTakesColourImagesThroughTheAdapter()
    {
        var (output, errors) = CliProcess.RunWithErrors("sweep", "--dataset", "cifar10", "--model", Fixture("gray-any-size.onnx"), "--limit", "40", "--epsilons", "0.01");
        Assert.Contains("input adapter 3x32x32 → 1x32x32: RGB to grey", output);
        Assert.Contains("Test Accuracy = ", output);
        Assert.DoesNotContain("error", errors);
    }

    [Fact]
    public void AModelThatDoesNotWorkOnTheDataIsSaidToInConsoleMarkdownAndJson()
    {
        // The CIFAR ResNet on MNIST through the adapter: near chance, and the p-values would look as if all were well.
        using var folder = new TempFolder();
        string output = CliProcess.Run(null, "sweep", "--dataset", "mnist", "--model", Path.Combine(Repository.Root, "models", "onnx", "cifar-resnet.onnx"),
            "--limit", "200", "--epsilons", "0.1", "--out", folder.File("report"), "--json", folder.File("sweep.json"));
        const string warning = "is not above chance (10.0% for 10 classes)";
        Assert.Contains("WARNING: clean accuracy ", output);
        Assert.Contains(warning, output);
        Assert.Contains("Likely causes: the model expects normalized input", output);
        Assert.Contains(warning, File.ReadAllText(Path.Combine(folder.File("report"), "report.md")));
        Assert.Contains(warning, File.ReadAllText(Path.Combine(folder.File("report"), "report.json")));
        Assert.Contains(warning, File.ReadAllText(folder.File("sweep.json")));
    }

    [Fact]
    public void CleanAccuracyBelowTheUsersThresholdWarnsAndAWorkingModelDoesNot()
    {
        string[] sweep = ["sweep", "--dataset", "mnist", "--limit", "500", "--epsilons", "0.1"];
        Assert.DoesNotContain("WARNING: clean accuracy", CliProcess.Run(null, sweep));
        string strict = CliProcess.Run(null, [.. sweep, "--min-clean-accuracy", "0.999"]);
        Assert.Contains("WARNING: clean accuracy 99.0%", strict);
        Assert.Contains("is below 99.9%", strict);
    }

    [Theory]
    [InlineData(new[] { "--mean", "0.1", "0.2", "--std", "0.3,0.3" }, "--mean: a space ends its value, so '0.2' was left over; give the values as one comma list: --mean 0.1,0.2")]
    [InlineData(new[] { "--mean", "0.1,0.2", "--std", "0.3,0.3" }, "--mean and --std: ")]
    public void PerChannelValuesThatDoNotFitTheModelNameTheOption(string[] values, string expected)
    {
        string errors = CliProcess.Fail(["sweep", "--dataset", "mnist", "--model", Fixture("leaky-bn-cnn.onnx"), "--limit", "8", .. values]);
        Assert.Contains(expected, errors);
        if (values[2] != "0.2")
            Assert.Contains("leaky-bn-cnn.onnx takes 1-channel images, so each needs 1 value(s), one per channel; 2 were given", errors);
        CliErrors.AssertOneClearLine(errors);
    }

    [Theory]
    [InlineData("truncated", "is not a whole PNG or JPEG image: it is cut short")]
    [InlineData("random", "is not a whole PNG or JPEG image: it is neither PNG nor JPEG")]
    public void ABrokenImageInAFolderIsNamedWithWhatIsWrong(string kind, string expected)
    {
        using var folder = new TempFolder();
        var good = GreyPngs(folder.Path, 12);
        string broken = Path.Combine(folder.Path, "3", $"{kind}.png");
        byte[] whole = File.ReadAllBytes(good[0]);
        File.WriteAllBytes(broken, kind == "truncated" ? whole[..(whole.Length / 2)] : Enumerable.Range(0, 400).Select(i => (byte)(i * 97 + 13)).ToArray());
        string errors = CliProcess.Fail("evaluate", "--images", folder.Path);
        Assert.Contains($"{broken} {expected}", errors);
        CliErrors.AssertOneClearLine(errors);
    }

    /// <summary>28x28 grey PNGs spread over the class folders 0…9.</summary>
    private static string[] GreyPngs(string folder, int count)
    {
        var paths = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string classFolder = Path.Combine(folder, (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(classFolder);
            using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8));
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++)
                    bitmap.SetPixel(x, y, new SKColor((byte)((x * y + i) % 256), (byte)((x * y + i) % 256), (byte)((x * y + i) % 256)));
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            string path = Path.Combine(classFolder, $"{i:000}.png");
            File.WriteAllBytes(path, data.ToArray());
            paths.Add(path);
        }
        return paths.ToArray();
    }
}
