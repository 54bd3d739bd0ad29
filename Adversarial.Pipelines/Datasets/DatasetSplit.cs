namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Which part of a dataset.</summary>
public enum DatasetSplit
{
    /// <summary>The training images.</summary>
    Train,

    /// <summary>The test images.</summary>
    Test,
}
