using System.Text;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// Writes CIFAR-10's own binary format: <c>cifar-10-batches-bin/test_batch.bin</c> (label byte, then
/// R, G and B planes per record) and <c>batches.meta.txt</c> (class names, one a line).
/// </summary>
public sealed class CifarDatasetWriter : IDatasetWriter
{
    private readonly FileStream _batch;
    private readonly IReadOnlyList<string> _classNames;

    /// <summary>Creates the batch folder in <paramref name="folder"/>.</summary>
    public CifarDatasetWriter(string folder, IReadOnlyList<string> classNames)
    {
        string batchFolder = Path.Combine(folder, CifarFiles.BatchFolder);
        Directory.CreateDirectory(batchFolder);
        BatchPath = Path.Combine(batchFolder, CifarFiles.TestBatch.RawName);
        MetaPath = Path.Combine(batchFolder, CifarFiles.Meta.RawName);
        _classNames = classNames;
        _batch = File.Create(BatchPath);
    }

    /// <summary>The batch file.</summary>
    public string BatchPath { get; }

    /// <summary>The class-name file.</summary>
    public string MetaPath { get; }

    /// <inheritdoc />
    public void Add(ReadOnlySpan<byte> pixels, byte label)
    {
        if (pixels.Length != CifarFiles.RecordSize - 1)
            throw new ArgumentException($"CIFAR-10 images are 3x32x32 = {CifarFiles.RecordSize - 1} bytes; got {pixels.Length}.");
        _batch.WriteByte(label);
        _batch.Write(pixels);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Complete()
    {
        _batch.Flush();
        Dispose();
        // The official file ends each name with a newline and adds one empty line.
        File.WriteAllText(MetaPath, string.Concat(_classNames.Select(n => n + "\n")) + "\n", new UTF8Encoding(false));
        return [BatchPath, MetaPath];
    }

    /// <inheritdoc />
    public void Dispose() => _batch.Dispose();
}
