using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// A folder of PNG/JPEG images (one sub-folder per class) decoded once into 8-bit pixels, so <c>attack</c> can write its
/// modified copy and re-evaluate it as it does for the built-in datasets. Decoding, resizing and grey conversion are
/// <see cref="ImageFolderLoader"/>'s (ML.NET ImageAnalytics); rows keep its order (class folders, then file names, ordinal).
/// </summary>
public sealed class ImageFolderDataView : ByteImageDataView
{
    private readonly byte[] _pixels;
    private readonly byte[] _labels;

    private ImageFolderDataView(byte[] pixels, byte[] labels, ImageShape shape, IReadOnlyList<string> classNames, string folder, string md5)
        : base(shape, classNames, labels.Length)
    {
        (_pixels, _labels, Folder, ContentMd5) = (pixels, labels, folder, md5);
    }

    /// <summary>The folder the images came from.</summary>
    public string Folder { get; }

    /// <summary>MD5 over every image file's relative path and bytes, in row order: the folder's identity in a manifest.</summary>
    public string ContentMd5 { get; }

    /// <summary>Decodes the folder for a model that takes <paramref name="shape"/> and knows <paramref name="classNames"/>.</summary>
    /// <exception cref="DatasetUnavailableException">The folder is missing or empty, an image is unreadable, or a class folder is not a class of the model.</exception>
    public static ImageFolderDataView Load(MLContext ml, string folder, ImageShape shape, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var decoded = ImageFolderLoader.Load(ml, folder, shape, classNames);
        var pixels = new List<byte>();
        var labels = new List<byte>();
        var schema = decoded.Schema;
        using (var cursor = decoded.GetRowCursor([schema[AdversarialColumns.Image], schema[AdversarialColumns.Label]]))
        {
            // One buffer the getter refills row after row: each row is copied out before the next.
            var image = cursor.GetGetter<VBuffer<float>>(schema[AdversarialColumns.Image]);
            var label = cursor.GetGetter<uint>(schema[AdversarialColumns.Label]);
            VBuffer<float> values = default;
            uint key = 0;
            while (cursor.MoveNext())
            {
                image(ref values);
                label(ref key);
                foreach (float value in values.DenseValues())
                    pixels.Add((byte)Math.Clamp(MathF.Round(value * 255f), 0, 255));
                labels.Add(checked((byte)(key - 1)));
            }
        }
        return new ImageFolderDataView(pixels.ToArray(), labels.ToArray(), shape, classNames, Path.GetFullPath(folder), Md5Of(folder));
    }

    internal override IRecordReader OpenReader(bool withPixels) => new Reader(this);

    private static string Md5Of(string folder)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (string file in Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
                     .SelectMany(d => Directory.EnumerateFiles(d).Order(StringComparer.Ordinal)))
        {
            md5.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file).Replace('\\', '/')));
            md5.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    private sealed class Reader(ImageFolderDataView view) : IRecordReader
    {
        public byte Read(Span<byte> pixels, long position)
        {
            int size = view.Shape.Size;
            if (!pixels.IsEmpty)
                view._pixels.AsSpan(checked((int)position * size), size).CopyTo(pixels);
            return view._labels[position];
        }

        public void Dispose()
        {
        }
    }
}
