using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// MNIST as an IDataView: <c>Image</c> = Vector&lt;Single, 1, 28, 28&gt; in [0, 1] and
/// <c>Label</c> = Key&lt;UInt32, 0-9&gt; with KeyValues "0".."9", streamed from the IDX files.
/// </summary>
public sealed class MnistDataView : ByteImageDataView
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 28;

    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Class names, the digits.</summary>
    public static readonly IReadOnlyList<string> Digits = Enumerable.Range(0, ClassCount).Select(d => $"{d}").ToArray();

    /// <summary>Opens an image file and a label file (raw or .gz) and checks that they fit together.</summary>
    /// <exception cref="DatasetUnavailableException">A header is wrong or the counts differ.</exception>
    public MnistDataView(string imagesPath, string labelsPath)
        : base(new ImageShape(1, Side, Side), Digits, CheckedCount(imagesPath, labelsPath))
    {
        ImagesPath = imagesPath;
        LabelsPath = labelsPath;
    }

    /// <summary>The image file read.</summary>
    public string ImagesPath { get; }

    /// <summary>The label file read.</summary>
    public string LabelsPath { get; }

    internal override IRecordReader OpenReader(bool withPixels) => new MnistRecordReader(this, withPixels);

    private static int CheckedCount(string imagesPath, string labelsPath)
    {
        using var images = IdxFile.Open(imagesPath, 3);
        using var labels = IdxFile.Open(labelsPath, 1);
        if (images.Dimensions[1] != Side || images.Dimensions[2] != Side)
            throw new DatasetUnavailableException(
                $"{imagesPath}: images are {images.Dimensions[1]}x{images.Dimensions[2]}; MNIST images are {Side}x{Side}.");
        if (images.Count != labels.Count)
            throw new DatasetUnavailableException($"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Count} labels.");
        return images.Count;
    }
}
