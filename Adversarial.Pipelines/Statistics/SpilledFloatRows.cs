using System.Runtime.InteropServices;

namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>
/// Fixed-width rows of floats written to an anonymous temporary file and read back in order, so a
/// sweep's class scores (needed once, by ML.NET's evaluator, after the pass) do not grow the process
/// with the dataset.
/// </summary>
/// <remarks>
/// The file is unlinked as soon as it is open (Linux and macOS; on Windows it goes on close), so
/// nothing is left behind even if the process dies. Reads come from the page cache, which does not
/// count against the process.
/// </remarks>
internal sealed class SpilledFloatRows : IDisposable
{
    private readonly FileStream _file;
    private readonly int _width;

    public SpilledFloatRows(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _width = width;
        string path = Path.Combine(Path.GetTempPath(), $"adversarial-scores-{Guid.NewGuid():N}.bin");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 1 << 16, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
            File.Delete(path);
    }

    /// <summary>Rows written so far.</summary>
    public int Count { get; private set; }

    public void Append(ReadOnlySpan<float> row)
    {
        if (row.Length != _width)
            throw new ArgumentException($"Expected a row of {_width} values, got {row.Length}.", nameof(row));
        _file.Write(MemoryMarshal.AsBytes(row));
        Count++;
    }

    /// <summary>Every row in order; each array is a fresh copy.</summary>
    public IEnumerable<float[]> Rows()
    {
        _file.Flush();
        var buffer = new byte[_width * sizeof(float) * 1024];
        long offset = 0;
        for (int done = 0; done < Count;)
        {
            int rows = Math.Min(1024, Count - done);
            int bytes = rows * _width * sizeof(float);
            RandomAccess.Read(_file.SafeFileHandle, buffer.AsSpan(0, bytes), offset);
            for (int r = 0; r < rows; r++)
                yield return MemoryMarshal.Cast<byte, float>(buffer.AsSpan(r * _width * sizeof(float), _width * sizeof(float))).ToArray();
            offset += bytes;
            done += rows;
        }
    }

    /// <summary>All values row after row (for callers that must hold them, such as a shard's partial result).</summary>
    public float[] ToArray()
    {
        _file.Flush();
        var values = new float[(long)Count * _width];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        for (int done = 0; done < bytes.Length;)
            done += RandomAccess.Read(_file.SafeFileHandle, bytes[done..], done);
        return values;
    }

    public void Dispose() => _file.Dispose();
}
