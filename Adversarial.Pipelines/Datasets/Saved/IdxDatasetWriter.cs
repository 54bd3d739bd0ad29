using System.Buffers.Binary;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// Writes MNIST's own format: an IDX3 image file and an IDX1 label file (uncompressed, official test
/// file names), so the result loads like the original. The item counts are patched in at the end.
/// </summary>
public sealed class IdxDatasetWriter : IDatasetWriter
{
    private readonly FileStream _images;
    private readonly FileStream _labels;
    private readonly int _height;
    private readonly int _width;
    private int _count;

    /// <summary>Creates the two files in <paramref name="folder"/> for images of the given size.</summary>
    public IdxDatasetWriter(string folder, int height, int width)
    {
        Directory.CreateDirectory(folder);
        ImagesPath = Path.Combine(folder, MnistFiles.TestImages.RawName);
        LabelsPath = Path.Combine(folder, MnistFiles.TestLabels.RawName);
        (_height, _width) = (height, width);
        _images = File.Create(ImagesPath);
        _labels = File.Create(LabelsPath);
        WriteHeaders();
    }

    /// <summary>The image file.</summary>
    public string ImagesPath { get; }

    /// <summary>The label file.</summary>
    public string LabelsPath { get; }

    /// <inheritdoc />
    public void Add(ReadOnlySpan<byte> pixels, byte label)
    {
        if (pixels.Length != _height * _width)
            throw new ArgumentException($"IDX images here are {_height}x{_width} = {_height * _width} bytes; got {pixels.Length}.");
        _images.Write(pixels);
        _labels.WriteByte(label);
        _count++;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Complete()
    {
        WriteHeaders();
        _images.Flush();
        _labels.Flush();
        Dispose();
        return [ImagesPath, LabelsPath];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _images.Dispose();
        _labels.Dispose();
    }

    private void WriteHeaders()
    {
        Span<byte> header = stackalloc byte[16];
        header.Clear();
        header[2] = 0x08;
        header[3] = 0x03;
        BinaryPrimitives.WriteInt32BigEndian(header[4..], _count);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], _height);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], _width);
        long imagesEnd = Math.Max(_images.Position, 16);
        _images.Position = 0;
        _images.Write(header);
        _images.Position = imagesEnd;

        header[3] = 0x01;
        long labelsEnd = Math.Max(_labels.Position, 8);
        _labels.Position = 0;
        _labels.Write(header[..8]);
        _labels.Position = labelsEnd;
    }
}
