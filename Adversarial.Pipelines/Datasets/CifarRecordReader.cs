namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Reads CIFAR-10 records (label byte, then R, G, B planes) across batch files in order.</summary>
internal sealed class CifarRecordReader(IReadOnlyList<string> batchPaths, int classCount) : IRecordReader
{
    private readonly byte[] _record = new byte[CifarFiles.RecordSize];
    private int _fileIndex = -1;
    private Stream? _stream;

    public byte Read(Span<byte> pixels, long position)
    {
        while (_stream is null || _stream.Position >= _stream.Length)
        {
            _stream?.Dispose();
            if (++_fileIndex >= batchPaths.Count)
                throw new DatasetUnavailableException($"CIFAR-10 batches end before record {position}.");
            _stream = new FileStream(batchPaths[_fileIndex], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        try
        {
            _stream.ReadExactly(_record);
        }
        catch (EndOfStreamException e)
        {
            throw new DatasetUnavailableException($"{batchPaths[_fileIndex]}: short record at item {position}.", e);
        }
        byte label = _record[0];
        if (label >= classCount)
            throw new DatasetUnavailableException(
                $"{batchPaths[_fileIndex]}: label {label} at item {position}; expected 0-{classCount - 1}.");
        if (!pixels.IsEmpty)
            _record.AsSpan(1).CopyTo(pixels);
        return label;
    }

    public void Dispose() => _stream?.Dispose();
}
