using MlNetAdversarial.Transforms.Attacks;
using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Export;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests;

/// <summary>One MNIST export (ε = 0.1, first 500 test images) shared by the export tests.</summary>
public sealed class ExportFixture : IDisposable
{
    public const int Rows = 500;
    public const double Epsilon = 0.1;

    private readonly TempFolder _folder = new();

    public ExportFixture()
    {
        Classifier = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        Source = TestData.MnistTest();
        Output = Path.Combine(_folder.Path, "adv-mnist");
        (Report, Manifest) = AttackExport.Run(Ml, Classifier, Source, Ml.Data.TakeRows(Source, Rows),
            new AttackExportRequest(SavedFormat.Mnist, [], TestData.ShippedModel, Fgsm(Epsilon), Output));
    }

    public MLContext Ml { get; } = new(seed: 0);

    public TorchImageClassifier Classifier { get; }

    public MnistDataView Source { get; }

    public string Output { get; }

    public RobustnessReport Report { get; }

    public DatasetManifest Manifest { get; }

    public void Dispose()
    {
        Classifier.Dispose();
        _folder.Dispose();
    }

    private static FgsmAttack Fgsm(double epsilon) => new(new FgsmAttackOptions { Epsilon = epsilon });
}
