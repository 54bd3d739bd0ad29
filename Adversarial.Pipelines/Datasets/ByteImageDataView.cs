using MlNetAdversarial.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// A labelled dataset of 8-bit images as an <see cref="IDataView"/>: <c>Image</c> =
/// Vector&lt;Single, C, H, W&gt; holding pixel/255 in [0, 1], <c>Label</c> = Key&lt;UInt32, classes&gt;
/// with the class names as KeyValues. Rows stream from the files: memory is one record per cursor.
/// </summary>
public abstract class ByteImageDataView : IDataView
{
    /// <summary>Image column name.</summary>
    public const string ImageColumn = AdversarialColumns.Image;

    /// <summary>Label column name.</summary>
    public const string LabelColumn = AdversarialColumns.Label;

    private protected ByteImageDataView(ImageShape shape, IReadOnlyList<string> classNames, long count)
    {
        Shape = shape;
        ClassNames = classNames.ToArray();
        Count = count;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(ImageColumn, new VectorDataViewType(NumberDataViewType.Single, shape.Dimensions));
        builder.AddColumn(LabelColumn, new KeyDataViewType(typeof(uint), classNames.Count), ClassAnnotations.KeyValues(classNames));
        Schema = builder.ToSchema();
    }

    /// <summary>Shape of one image.</summary>
    public ImageShape Shape { get; }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of rows.</summary>
    public long Count { get; }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => Count;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        bool[] active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
            active[column.Index] = true;
        return new ByteImageCursor(this, OpenReader(active[0]), active);
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Opens the files for one pass; pixels are read only when <paramref name="withPixels"/>.</summary>
    internal abstract IRecordReader OpenReader(bool withPixels);
}
