using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>A whole MNIST split as bytes (training shuffles, so it needs random access).</summary>
internal sealed record MnistArrays(byte[] Pixels, byte[] Labels)
{
    public const int ImageSize = MnistDataView.Side * MnistDataView.Side;

    public int Count => Labels.Length;

    public static MnistArrays Load(MnistDataView view, int? limit = null)
    {
        using var images = IdxFile.Open(view.ImagesPath, 3);
        using var labels = IdxFile.Open(view.LabelsPath, 1);
        int count = Math.Min(images.Count, limit ?? int.MaxValue);
        var pixels = new byte[count * ImageSize];
        var classes = new byte[count];
        for (int i = 0; i < count; i++)
        {
            images.ReadItem(pixels.AsSpan(i * ImageSize, ImageSize));
            labels.ReadItem(classes.AsSpan(i, 1));
        }
        return new MnistArrays(pixels, classes);
    }
}
