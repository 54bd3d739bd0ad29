using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>A whole split as bytes (training shuffles and augments, so it needs random access), and rows of it as tensors.</summary>
internal sealed record ImageArrays(byte[] Pixels, byte[] Labels, ImageShape Shape)
{
    public int Count => Labels.Length;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Shape.Size, Shape.Size);

    /// <summary>Images in [0, 1] (pixel/255, as the loaders serve them) and class indices.</summary>
    public (Tensor Images, Tensor Labels) ToTensors(ReadOnlySpan<int> indices)
    {
        var shape = Shape;
        var pixels = new float[indices.Length * shape.Size];
        var labels = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            var source = Image(indices[i]);
            var target = pixels.AsSpan(i * shape.Size, shape.Size);
            for (int p = 0; p < source.Length; p++)
                target[p] = source[p] / 255f;
            labels[i] = Labels[indices[i]];
        }
        return (tensor(pixels, [indices.Length, shape.Channels, shape.Height, shape.Width]), tensor(labels));
    }

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
