using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// Writes each image as a PNG under <c>png/&lt;class&gt;/&lt;index&gt;.png</c> with ML.NET's <see cref="MLImage"/>,
/// a folder <c>sweep --images</c> loads back.
/// </summary>
public sealed class PngFolderWriter : IDatasetWriter
{
    private readonly string _folder;
    private readonly ImageShape _shape;
    private readonly IReadOnlyList<string> _classNames;
    private readonly byte[] _bgra;
    private readonly List<string> _written = [];

    /// <summary>Writes under <paramref name="folder"/>.</summary>
    public PngFolderWriter(string folder, ImageShape shape, IReadOnlyList<string> classNames)
    {
        if (shape.Channels is not (1 or 3))
            throw new ArgumentException($"PNG export takes 1- or 3-channel images; got {shape}.");
        (_folder, _shape, _classNames) = (folder, shape, classNames);
        _bgra = new byte[shape.Height * shape.Width * 4];
        foreach (string name in classNames)
            Directory.CreateDirectory(Path.Combine(folder, name));
    }

    /// <inheritdoc />
    public void Add(ReadOnlySpan<byte> pixels, byte label)
    {
        int plane = _shape.Height * _shape.Width;
        for (int p = 0; p < plane; p++)
        {
            byte red = pixels[p];
            byte green = _shape.Channels == 1 ? red : pixels[plane + p];
            byte blue = _shape.Channels == 1 ? red : pixels[2 * plane + p];
            (_bgra[4 * p], _bgra[4 * p + 1], _bgra[4 * p + 2], _bgra[4 * p + 3]) = (blue, green, red, 255);
        }
        string path = Path.Combine(_folder, _classNames[label], $"{_written.Count:D5}.png");
        using var image = MLImage.CreateFromPixels(_shape.Width, _shape.Height, MLPixelFormat.Bgra32, _bgra);
        image.Save(path);
        _written.Add(path);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Complete() => _written;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
