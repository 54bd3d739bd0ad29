namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>The official CIFAR-10 binary version (Krizhevsky, 2009).</summary>
public static class CifarFiles
{
    /// <summary>Folder name under the dataset roots.</summary>
    public const string Name = "cifar10";

    /// <summary>The folder the archive extracts to.</summary>
    public const string BatchFolder = "cifar-10-batches-bin";

    /// <summary>Bytes per record: one label, then 32×32 red, green and blue planes.</summary>
    public const int RecordSize = 1 + 3 * 32 * 32;

    /// <summary>Canonical mirror of the archive.</summary>
    public static readonly IReadOnlyList<string> Mirrors = ["https://www.cs.toronto.edu/~kriz/"];

    /// <summary>The archive as published.</summary>
    public static readonly DatasetFile Archive = new("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", "");

    /// <summary>Class names, one a line (the source of the KeyValues).</summary>
    public static readonly DatasetFile Meta = Plain("batches.meta.txt", "728051cd483f366e254dddb25bead8b3");

    /// <summary>The test batch (10,000 records).</summary>
    public static readonly DatasetFile TestBatch = Plain("test_batch.bin", "803d5f7f4d78ea53de84dbe85f74fb6d");

    /// <summary>The five training batches (10,000 records each).</summary>
    public static readonly IReadOnlyList<DatasetFile> TrainBatches =
    [
        Plain("data_batch_1.bin", "5dd7e06a14cb22eb9f671a540d1b7c25"),
        Plain("data_batch_2.bin", "5ea93a67294ea407fff1d09f752e9692"),
        Plain("data_batch_3.bin", "942cd6a4bcdd0dd3c604fbe906cb4421"),
        Plain("data_batch_4.bin", "ae636b3ba5c66a11e91e8cb52e771fcb"),
        Plain("data_batch_5.bin", "53f37980c15c3d472c316c40844f3f0d"),
    ];

    /// <summary>The batch files of a split.</summary>
    public static IReadOnlyList<DatasetFile> Of(DatasetSplit split) => split == DatasetSplit.Train ? TrainBatches : [TestBatch];

    private static DatasetFile Plain(string name, string md5) => new(name, md5, md5);
}
