namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>The official MNIST files (LeCun, Cortes and Burges), checksums as listed by torchvision.</summary>
public static class MnistFiles
{
    /// <summary>Folder name under the dataset roots.</summary>
    public const string Name = "mnist";

    /// <summary>Canonical mirrors, tried in order (torchvision's list).</summary>
    public static readonly IReadOnlyList<string> Mirrors =
    [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    ];

    /// <summary>Training images (60,000).</summary>
    public static readonly DatasetFile TrainImages = new("train-images-idx3-ubyte.gz",
        "f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb");

    /// <summary>Training labels (60,000).</summary>
    public static readonly DatasetFile TrainLabels = new("train-labels-idx1-ubyte.gz",
        "d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624");

    /// <summary>Test images (10,000).</summary>
    public static readonly DatasetFile TestImages = new("t10k-images-idx3-ubyte.gz",
        "9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea");

    /// <summary>Test labels (10,000).</summary>
    public static readonly DatasetFile TestLabels = new("t10k-labels-idx1-ubyte.gz",
        "ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637");

    /// <summary>All four files.</summary>
    public static readonly IReadOnlyList<DatasetFile> All = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>Image and label file of a split.</summary>
    public static (DatasetFile Images, DatasetFile Labels) Of(DatasetSplit split) =>
        split == DatasetSplit.Train ? (TrainImages, TrainLabels) : (TestImages, TestLabels);
}
