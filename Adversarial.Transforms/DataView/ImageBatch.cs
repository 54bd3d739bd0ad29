namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// One batch of rows as a kernel sees it: images flattened row after row, class indices, and one
/// buffer per output column. Buffers are allocated once per cursor and reused for every batch.
/// </summary>
internal sealed class ImageBatch
{
    public ImageBatch(int capacity, int imageSize, IReadOnlyList<OutputColumn> outputs)
    {
        Capacity = capacity;
        ImageSize = imageSize;
        Images = new float[capacity * imageSize];
        Labels = new long[capacity];
        Targets = new long[capacity];
        RowIndices = new long[capacity];
        Floats = outputs.Select(o => o.IsKey ? [] : new float[capacity * o.Width]).ToArray();
        Keys = outputs.Select(o => o.IsKey ? new uint[capacity] : []).ToArray();
    }

    public int Capacity { get; }

    public int ImageSize { get; }

    /// <summary>Rows in this batch (≤ <see cref="Capacity"/>).</summary>
    public int Count { get; set; }

    public float[] Images { get; }

    /// <summary>Zero-based class index per row (key value − 1).</summary>
    public long[] Labels { get; }

    /// <summary>Zero-based target class per row, when the kernel reads a target column.</summary>
    public long[] Targets { get; }

    /// <summary>Position of each row in the source: seeds per-image random choices.</summary>
    public long[] RowIndices { get; }

    /// <summary>Per output column: Count × Width floats (empty for key outputs).</summary>
    public float[][] Floats { get; }

    /// <summary>Per output column: Count one-based key values (empty for vector outputs).</summary>
    public uint[][] Keys { get; }

    public Span<float> ImagesInUse => Images.AsSpan(0, Count * ImageSize);
}
