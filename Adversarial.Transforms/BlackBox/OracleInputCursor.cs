using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.BlackBox;

/// <summary>The cursor of <see cref="OracleInputView"/>: one row per image, in order.</summary>
internal sealed class OracleInputCursor(DataViewSchema schema, int imageColumnIndex, float[] pixels, int imageSize, HashSet<int> active)
    : DataViewRowCursor
{
    private static readonly MethodInfo DefaultGetterMethod =
        typeof(OracleInputCursor).GetMethod(nameof(DefaultGetter), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly long _rows = pixels.Length / imageSize;
    private long _position = -1;

    public override DataViewSchema Schema => schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool MoveNext() => ++_position < _rows;

    public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index != imageColumnIndex)
            return (ValueGetter<TValue>)DefaultGetterMethod.MakeGenericMethod(typeof(TValue)).Invoke(null, null)!;
        ValueGetter<VBuffer<float>> image = (ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, imageSize);
            pixels.AsSpan((int)(_position * imageSize), imageSize).CopyTo(editor.Values);
            value = editor.Commit();
        };
        return image as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds the images as VBuffer<Single>; {typeof(TValue).Name} was asked for.");
    }

    private static ValueGetter<TValue> DefaultGetter<TValue>() => (ref TValue value) => value = default!;
}
