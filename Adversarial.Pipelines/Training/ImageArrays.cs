using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>A whole split as bytes (training shuffles and augments, so it needs random access).</summary>
internal sealed record ImageArrays(byte[] Pixels, byte[] Labels, ImageShape Shape)
{
    public int Count => Labels.Length;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Shape.Size, Shape.Size);

    public static ImageArrays Load(ByteImageDataView view, int? limit = null)
    {
        int count = (int)Math.Min(view.Count, limit ?? int.MaxValue);
        int size = view.Shape.Size;
        var pixels = new byte[count * size];
        var labels = new byte[count];
        using var reader = view.OpenReader(withPixels: true);
        for (int i = 0; i < count; i++)
            labels[i] = reader.Read(pixels.AsSpan(i * size, size), i);
        return new ImageArrays(pixels, labels, view.Shape);
    }
}
