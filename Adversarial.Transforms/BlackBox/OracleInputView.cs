using Microsoft.ML;

namespace MlNetAdversarial.Transforms.BlackBox;

/// <summary>
/// The rows an ML.NET model is queried with: its input schema, the images in the image column and every other column
/// (a label the training pipeline read, say) at its type's default value.
/// </summary>
internal sealed class OracleInputView(DataViewSchema schema, int imageColumnIndex, float[] pixels, int imageSize) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema { get; } = schema;

    public long? GetRowCount() => pixels.Length / imageSize;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new OracleInputCursor(Schema, imageColumnIndex, pixels, imageSize, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
