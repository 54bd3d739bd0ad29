using Microsoft.ML;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests;

/// <summary>The shipped CIFAR-10 network and the real CIFAR-10 test set, shared by a test class.</summary>
public sealed class CifarModelFixture : IDisposable
{
    public const int Rows = 500;

    public CifarModelFixture()
    {
        Classifier = TorchImageClassifier.LoadCifarResNet(TestData.ShippedCifarModel);
        FullTest = TestData.CifarTest();
        Data = Ml.Data.TakeRows(FullTest, Rows);
    }

    public MLContext Ml { get; } = new(seed: 0);

    public TorchImageClassifier Classifier { get; }

    public IDataView FullTest { get; }

    public IDataView Data { get; }

    public void Dispose() => Classifier.Dispose();
}
