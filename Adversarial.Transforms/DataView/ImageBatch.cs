namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Rows as a kernel sees them: images flattened row after row, class indices, and one buffer per
/// output column. Buffers are allocated once per cursor and reused for every batch; a
/// <see cref="Part"/> is a window on the same buffers, so parts can be computed on different threads
/// without copying.
/// </summary>
internal sealed class ImageBatch
{
    private readonly float[] _images;
    private readonly long[] _labels;
    private readonly long[] _targets;
    private readonly long[] _rowIndices;
    private readonly float[][] _floats;
    private readonly uint[][] _keys;
    private readonly int[] _widths;

    public ImageBatch(int capacity, int imageSize, IReadOnlyList<OutputColumn> outputs)
    {
        Capacity = capacity;
        ImageSize = imageSize;
        _images = new float[capacity * imageSize];
        _labels = new long[capacity];
        _targets = new long[capacity];
        _rowIndices = new long[capacity];
        _widths = outputs.Select(o => o.IsKey ? 1 : o.Width).ToArray();
        _floats = outputs.Select(o => o.IsKey ? [] : new float[capacity * o.Width]).ToArray();
        _keys = outputs.Select(o => o.IsKey ? new uint[capacity] : []).ToArray();
    }

    private ImageBatch(ImageBatch whole, int offset, int count)
    {
        Capacity = count;
        Count = count;
        Offset = whole.Offset + offset;
        ImageSize = whole.ImageSize;
        _images = whole._images;
        _labels = whole._labels;
        _targets = whole._targets;
        _rowIndices = whole._rowIndices;
        _widths = whole._widths;
        _floats = whole._floats;
        _keys = whole._keys;
    }

    public int Capacity { get; }

    public int ImageSize { get; }

    /// <summary>First row of this batch in the cursor's buffers (0 unless this is a part).</summary>
    public int Offset { get; }

    /// <summary>Rows in this batch (≤ <see cref="Capacity"/>).</summary>
    public int Count { get; set; }

    public Span<float> Images => _images.AsSpan(Offset * ImageSize, Count * ImageSize);

    /// <summary>Zero-based class index per row (key value − 1).</summary>
    public Span<long> Labels => _labels.AsSpan(Offset, Count);

    /// <summary>Zero-based target class per row, when the kernel reads a target column.</summary>
    public Span<long> Targets => _targets.AsSpan(Offset, Count);

    /// <summary>Row id of each row in the source: seeds per-image random choices.</summary>
    public Span<long> RowIndices => _rowIndices.AsSpan(Offset, Count);

    /// <summary>Rows <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> − 1 of this batch.</summary>
    public ImageBatch Part(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, Count);
        return new ImageBatch(this, offset, count);
    }

    /// <summary>Count × width floats of a vector output.</summary>
    public Span<float> Floats(int output) => _floats[output].AsSpan(Offset * _widths[output], Count * _widths[output]);

    /// <summary>Count one-based key values of a key output.</summary>
    public Span<uint> Keys(int output) => _keys[output].AsSpan(Offset, Count);

    /// <summary>Image of one row, for reading a source row into slot <paramref name="slot"/> of the whole batch.</summary>
    public Span<float> ImageSlot(int slot) => _images.AsSpan((Offset + slot) * ImageSize, ImageSize);

    public void SetLabel(int slot, long value) => _labels[Offset + slot] = value;

    public void SetTarget(int slot, long value) => _targets[Offset + slot] = value;

    public void SetRowIndex(int slot, long value) => _rowIndices[Offset + slot] = value;

    /// <summary>Reads one row of a vector output (served by the cursor's getters).</summary>
    public ReadOnlySpan<float> FloatsAt(int output, int slot) =>
        _floats[output].AsSpan((Offset + slot) * _widths[output], _widths[output]);

    /// <summary>Reads one row of a key output.</summary>
    public uint KeyAt(int output, int slot) => _keys[output][Offset + slot];
}
