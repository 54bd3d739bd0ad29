namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Writes a labelled image dataset one record at a time.</summary>
public interface IDatasetWriter : IDisposable
{
    /// <summary>Adds one image (8-bit, channel-height-width) and its class index.</summary>
    void Add(ReadOnlySpan<byte> pixels, byte label);

    /// <summary>Finishes the files and returns their paths.</summary>
    IReadOnlyList<string> Complete();
}
