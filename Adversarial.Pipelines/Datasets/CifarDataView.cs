using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// CIFAR-10 (binary version) as an IDataView: <c>Image</c> = Vector&lt;Single, 3, 32, 32&gt; in [0, 1]
/// (channel, height, width; R, G, B) and <c>Label</c> = Key&lt;UInt32, 0-9&gt; with the class names,
/// streamed from the batch files in order.
/// </summary>
public sealed class CifarDataView : ByteImageDataView
{
    /// <summary>Shape of a CIFAR-10 image.</summary>
    public static readonly ImageShape ImageShape = new(3, 32, 32);

    /// <summary>Opens batch files after checking that each holds whole records.</summary>
    /// <exception cref="DatasetUnavailableException">A file's size is not a whole number of records.</exception>
    public CifarDataView(IReadOnlyList<string> batchPaths, IReadOnlyList<string> classNames)
        : base(ImageShape, classNames, CheckedCount(batchPaths))
    {
        BatchPaths = batchPaths.ToArray();
    }

    /// <summary>The batch files, read in this order.</summary>
    public IReadOnlyList<string> BatchPaths { get; }

    /// <summary>Reads class names from <c>batches.meta.txt</c> (one a line).</summary>
    public static IReadOnlyList<string> ReadClassNames(string metaPath)
    {
        var names = File.ReadAllLines(metaPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (names.Length != 10)
            throw new DatasetUnavailableException($"{metaPath}: {names.Length} class names; CIFAR-10 has 10.");
        return names;
    }

    internal override IRecordReader OpenReader(bool withPixels) => new CifarRecordReader(BatchPaths, ClassNames.Count);

    private static long CheckedCount(IReadOnlyList<string> batchPaths)
    {
        if (batchPaths.Count == 0)
            throw new ArgumentException("Give at least one CIFAR-10 batch file.", nameof(batchPaths));
        long count = 0;
        foreach (string path in batchPaths)
        {
            long length = new FileInfo(path).Length;
            if (length == 0 || length % CifarFiles.RecordSize != 0)
                throw new DatasetUnavailableException(
                    $"{path}: {length} bytes is not a whole number of {CifarFiles.RecordSize}-byte CIFAR-10 records " +
                    $"({length % CifarFiles.RecordSize} bytes left over): the file is truncated or not a CIFAR-10 batch.");
            count += length / CifarFiles.RecordSize;
        }
        return count;
    }
}
