namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Reads a byte-image dataset's records in file order.</summary>
internal interface IRecordReader : IDisposable
{
    /// <summary>Reads the next record: pixels (when <paramref name="pixels"/> is not empty) and the class index.</summary>
    /// <exception cref="DatasetUnavailableException">The data ends early or a label is out of range.</exception>
    byte Read(Span<byte> pixels, long position);
}
