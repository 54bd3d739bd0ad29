using System.Text.Json;
using Microsoft.ML;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>
/// Black-box and transfer attacks through the real command-line process: ML.NET .zip models and --black-box ONNX models with
/// Square and HopSkipJump (queries per image in the report), --surrogate transfers, and one clear error for each thing that
/// cannot work, with nothing written.
/// </summary>
public sealed class BlackBoxCommandTests(PixelModelsFixture models) : IClassFixture<PixelModelsFixture>
{
    private static string Onnx => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "lenet.onnx");

    [Fact]
    public void SquareOnAnMlNetModelReportsQueriesPerImage()
    {
        using var folder = new TempFolder();
        string json = folder.File("sweep.json"), report = folder.File("report");
        string output = CliProcess.Run(null, "sweep", "--model", models.Sdca, "--attack", "square", "--queries", "100", "--epsilons", "0.2",
            "--limit", "60", "--json", json, "--out", report);
        Assert.Contains("queries per image: mean", output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var row = document.RootElement.GetProperty("epsilons")[1];
        // The start and one query per iteration: 101 for an image never fooled.
        Assert.InRange(row.GetProperty("queries").GetProperty("max").GetInt64(), 1, 101);
        Assert.Contains("## Queries per image", File.ReadAllText(Path.Combine(report, "report.md")));
    }

    [Fact]
    public void HopSkipJumpRunsAnOnnxModelThroughOnnxRuntimeAsABlackBox()
    {
        string output = CliProcess.Run(null, "sweep", "--model", Onnx, "--black-box", "--attack", "hopskipjump", "--iterations", "3",
            "--initial-evaluations", "20", "--max-evaluations", "40", "--epsilons", "0.3", "--limit", "20");
        Assert.Contains("Attack: hopskipjump", output);
        Assert.Contains("median when fooled", output);
    }

    [Fact]
    public void ATransferFromLeNetToAnMlNetModelGivesTheTransferSuccessRate()
    {
        string output = CliProcess.Run(null, "sweep", "--surrogate", TestData.ShippedModel, "--model", models.Sdca, "--attack", "fgsm",
            "--epsilons", "0.3", "--limit", "100");
        Assert.Contains("Transfer attack: crafted on ", output);
        Assert.Contains("scored by mnist-sdca", output);
        Assert.Contains("transfer success", output);
    }

    [Theory]
    [InlineData("black-box-gradients", "--black-box: --attack pgd needs gradients; give --attack square or hopskipjump.")]
    [InlineData("mlnet-gradients", "--attack fgsm needs gradients, but --model")]
    [InlineData("black-box-weights", "--black-box: ")]
    [InlineData("no-score", "gives no column 'Score' (it gives: Image, Label, Pixels")]
    [InlineData("three-scores", "has 3 scores, but there are 10 classes")]
    [InlineData("surrogate-classes", "--surrogate: ")]
    [InlineData("surrogate-black-box", "--surrogate: ")]
    public void WhatCannotWorkIsRefusedWithOneClearErrorAndNothingWritten(string mistake, string expected)
    {
        using var folder = new TempFolder();
        string report = folder.File("report");
        string[] arguments = mistake switch
        {
            "black-box-gradients" => ["--model", Onnx, "--black-box", "--attack", "pgd"],
            "mlnet-gradients" => ["--model", models.Sdca],
            "black-box-weights" => ["--model", TestData.ShippedModel, "--black-box", "--attack", "square"],
            "no-score" => ["--model", SaveWithoutScore(folder.File("copy.zip")), "--attack", "square"],
            "three-scores" => ["--model", SaveWithThreeClasses(folder.File("three.zip")), "--attack", "square"],
            // The ONNX file names no classes ("0" … "9"); the shipped CIFAR weights take the dataset's names.
            "surrogate-classes" => ["--dataset", "cifar10", "--model", Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "cifar-resnet.onnx"),
                "--black-box", "--attack", "fgsm", "--surrogate", TestData.ShippedCifarModel, "--surrogate-arch", "cifar-resnet"],
            _ => ["--surrogate", models.Sdca, "--model", Onnx, "--attack", "fgsm"],
        };
        string errors = CliProcess.Fail(["sweep", "--limit", "10", "--out", report, .. arguments]);
        Assert.Contains(expected, errors);
        Assert.DoesNotContain("   at ", errors);
        Assert.False(Directory.Exists(report), $"{mistake}: the report folder was written");
        if (mistake == "surrogate-classes")
            Assert.Contains("airplane", errors);
    }

    private string SaveWithoutScore(string path)
    {
        var data = models.Ml.Data.TakeRows(TestData.MnistTest(), 10);
        models.Ml.Model.Save(models.Ml.Transforms.CopyColumns("Pixels", "Image").Fit(data), data.Schema, path);
        return path;
    }

    private string SaveWithThreeClasses(string path)
    {
        var (model, schema) = models.ThreeDigitModel(1000);
        models.Ml.Model.Save(model, schema, path);
        return path;
    }
}
