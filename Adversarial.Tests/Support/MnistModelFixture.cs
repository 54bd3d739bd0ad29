using Microsoft.ML;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Tests;

/// <summary>The shipped LeNet and the first images of the real MNIST test set, shared by a test class.</summary>
public sealed class MnistModelFixture : IDisposable
{
    public const int Rows = 512;

    public MnistModelFixture()
    {
        Classifier = TorchImageClassifier.LoadLeNet(TestData.ShippedModel);
        Data = Ml.Data.TakeRows(TestData.MnistTest(), Rows);
    }

    public MLContext Ml { get; } = new(seed: 0);

    public TorchImageClassifier Classifier { get; }

    public IDataView Data { get; }

    public void Dispose() => Classifier.Dispose();
}
