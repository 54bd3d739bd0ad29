namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Which part of MNIST.</summary>
public enum MnistSplit
{
    /// <summary>The 60,000 training images.</summary>
    Train,

    /// <summary>The 10,000 test images.</summary>
    Test,
}
