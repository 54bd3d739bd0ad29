using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Scoring;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// MNIST as an <see cref="IDataView"/>: <c>Image</c> = Vector&lt;Single, 1, 28, 28&gt; in [0, 1] and
/// <c>Label</c> = Key&lt;UInt32, 0-9&gt; with KeyValues "0".."9". Rows stream from the files; nothing is
/// held in memory beyond one image.
/// </summary>
public sealed class MnistDataView : IDataView
{
    /// <summary>Image column name.</summary>
    public const string ImageColumn = "Image";

    /// <summary>Label column name.</summary>
    public const string LabelColumn = "Label";

    /// <summary>Image side in pixels.</summary>
    public const int Side = 28;

    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Class names, the digits.</summary>
    public static readonly IReadOnlyList<string> ClassNames = Enumerable.Range(0, ClassCount).Select(d => $"{d}").ToArray();

    private readonly int _count;

    /// <summary>Opens an image file and a label file (raw or .gz) and checks that they fit together.</summary>
    /// <exception cref="DatasetUnavailableException">A header is wrong or the counts differ.</exception>
    public MnistDataView(string imagesPath, string labelsPath)
    {
        ImagesPath = imagesPath;
        LabelsPath = labelsPath;
        using (var images = IdxFile.Open(imagesPath, 3))
        using (var labels = IdxFile.Open(labelsPath, 1))
        {
            if (images.Dimensions[1] != Side || images.Dimensions[2] != Side)
                throw new DatasetUnavailableException(
                    $"{imagesPath}: images are {images.Dimensions[1]}x{images.Dimensions[2]}; MNIST images are {Side}x{Side}.");
            if (images.Count != labels.Count)
                throw new DatasetUnavailableException(
                    $"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Count} labels.");
            _count = images.Count;
        }
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(ImageColumn, new VectorDataViewType(NumberDataViewType.Single, 1, Side, Side));
        builder.AddColumn(LabelColumn, new KeyDataViewType(typeof(uint), ClassCount), ClassAnnotations.KeyValues(ClassNames));
        Schema = builder.ToSchema();
    }

    /// <summary>The image file read.</summary>
    public string ImagesPath { get; }

    /// <summary>The label file read.</summary>
    public string LabelsPath { get; }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => _count;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        bool[] active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
            active[column.Index] = true;
        return new MnistCursor(this, active);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
