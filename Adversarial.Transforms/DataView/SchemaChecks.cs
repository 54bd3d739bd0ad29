using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Column checks shared by <c>Fit</c>, <c>GetOutputSchema</c> and <c>Transform</c>; every error names
/// the column, the type expected and the type found.
/// </summary>
internal static class SchemaChecks
{
    public static string ExpectedImageType(ImageShape shape) =>
        $"Vector<Single, {shape.Channels}, {shape.Height}, {shape.Width}> (or Vector<Single, {shape.Size}>)";

    public static string ExpectedLabelType(int classCount) => $"Key<UInt32, 0-{classCount - 1}>";

    public static void CheckImage(DataViewSchema schema, string column, ImageShape shape)
    {
        var found = schema.GetColumnOrNull(column) ?? throw Missing(column, ExpectedImageType(shape));
        bool fits = found.Type is VectorDataViewType { ItemType: NumberDataViewType number } vector
                    && number.RawType == typeof(float) && vector.Size == shape.Size
                    && (vector.Dimensions.Length == 1 || vector.Dimensions.SequenceEqual(shape.Dimensions));
        if (!fits)
            throw Mismatch(column, ExpectedImageType(shape), found.Type.ToString() ?? found.Type.RawType.Name);
    }

    public static void CheckLabel(DataViewSchema schema, string column, int classCount)
    {
        var found = schema.GetColumnOrNull(column) ?? throw Missing(column, ExpectedLabelType(classCount));
        if (found.Type is KeyDataViewType { RawType: var raw } other && raw == typeof(uint) && (int)other.Count != classCount)
            throw new ArgumentOutOfRangeException("inputSchema", $"Column '{column}' holds labels of {other.Count} classes, but the classifier "
                + $"scores {classCount}: a classifier for this data needs one score per class, in the data's class order.");
        if (found.Type is not KeyDataViewType key || key.RawType != typeof(uint) || (int)key.Count != classCount)
            throw Mismatch(column, ExpectedLabelType(classCount), found.Type.ToString() ?? found.Type.RawType.Name);
    }

    public static void CheckImage(SchemaShape shape, string column, ImageShape imageShape)
    {
        if (!SchemaShapes.TryFind(shape, column, out var found))
            throw Missing(column, ExpectedImageType(imageShape));
        if (found.Kind != SchemaShape.Column.VectorKind.Vector || found.ItemType.RawType != typeof(float) || found.IsKey)
            throw Mismatch(column, ExpectedImageType(imageShape), Describe(found));
    }

    public static void CheckLabel(SchemaShape shape, string column, int classCount)
    {
        if (!SchemaShapes.TryFind(shape, column, out var found))
            throw Missing(column, ExpectedLabelType(classCount));
        if (found.Kind != SchemaShape.Column.VectorKind.Scalar || !found.IsKey || found.ItemType.RawType != typeof(uint))
            throw Mismatch(column, ExpectedLabelType(classCount), Describe(found));
    }

    private static string Describe(SchemaShape.Column column) => column.Kind switch
    {
        SchemaShape.Column.VectorKind.Scalar => column.IsKey ? $"Key<{column.ItemType.RawType.Name}>" : $"{column.ItemType}",
        SchemaShape.Column.VectorKind.Vector => $"Vector<{column.ItemType}>",
        _ => $"variable-size Vector<{column.ItemType}>",
    };

    private static ArgumentOutOfRangeException Missing(string column, string expected) =>
        new("inputSchema", $"Input column '{column}' not found; expected a column of type {expected}.");

    private static ArgumentOutOfRangeException Mismatch(string column, string expected, string actual) =>
        new("inputSchema", $"Column '{column}' has type {actual}; expected {expected}.");
}
