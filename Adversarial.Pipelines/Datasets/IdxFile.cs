using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// A sequential reader of an IDX file of unsigned bytes (LeCun's format: magic 0x0000080N with N
/// dimensions, big-endian sizes, then the data), raw or gzip-compressed.
/// </summary>
public sealed class IdxFile : IDisposable
{
    private const byte UnsignedByteType = 0x08;
    private readonly Stream _stream;
    private long _itemsRead;

    private IdxFile(string path, Stream stream, int[] dimensions)
    {
        Path = path;
        _stream = stream;
        Dimensions = dimensions;
        ItemSize = dimensions.Skip(1).Aggregate(1, (a, b) => a * b);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Sizes from the header; the first is the item count.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>Item count.</summary>
    public int Count => Dimensions[0];

    /// <summary>Bytes per item (product of the other dimensions).</summary>
    public int ItemSize { get; }

    /// <summary>Opens the file and checks its header against the expected number of dimensions.</summary>
    /// <exception cref="DatasetUnavailableException">Bad magic, wrong dimensions, or a raw file of the wrong size.</exception>
    public static IdxFile Open(string path, int expectedDimensions)
    {
        Stream stream = File.OpenRead(path);
        try
        {
            bool compressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            long rawLength = stream.Length;
            if (compressed)
                stream = new BufferedStream(new GZipStream(stream, CompressionMode.Decompress), 1 << 16);
            var dimensions = ReadHeader(path, stream, expectedDimensions);
            long expectedLength = 4 + 4L * dimensions.Length + dimensions.Aggregate(1L, (a, b) => a * b);
            if (!compressed && rawLength != expectedLength)
                throw new DatasetUnavailableException(
                    $"{path}: the header announces {expectedLength} bytes ({string.Join(" x ", dimensions)} items), the file has {rawLength}.");
            return new IdxFile(path, stream, dimensions);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next item into <paramref name="destination"/> (exactly <see cref="ItemSize"/> bytes).</summary>
    /// <exception cref="DatasetUnavailableException">The file ends early.</exception>
    public void ReadItem(Span<byte> destination)
    {
        try
        {
            _stream.ReadExactly(destination[..ItemSize]);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new DatasetUnavailableException(
                $"{Path}: truncated or corrupt after {_itemsRead} of {Count} items ({e.Message}).", e);
        }
        _itemsRead++;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static int[] ReadHeader(string path, Stream stream, int expectedDimensions)
    {
        Span<byte> magic = stackalloc byte[4];
        try
        {
            stream.ReadExactly(magic);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new DatasetUnavailableException($"{path}: too short for an IDX header ({e.Message}).", e);
        }
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByteType || magic[3] != expectedDimensions)
            throw new DatasetUnavailableException(
                $"{path}: magic number 0x{Convert.ToHexString(magic)}; expected 0x000008{expectedDimensions:X2} (IDX, unsigned bytes, {expectedDimensions} dimensions).");
        var dimensions = new int[expectedDimensions];
        Span<byte> size = stackalloc byte[4];
        for (int i = 0; i < expectedDimensions; i++)
        {
            try
            {
                stream.ReadExactly(size);
            }
            catch (EndOfStreamException e)
            {
                throw new DatasetUnavailableException($"{path}: header ends before dimension {i + 1} of {expectedDimensions}.", e);
            }
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(size);
            if (dimensions[i] <= 0)
                throw new DatasetUnavailableException($"{path}: dimension {i + 1} is {dimensions[i]}; expected a positive size.");
        }
        return dimensions;
    }
}
