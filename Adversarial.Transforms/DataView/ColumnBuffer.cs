using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Holds one pass-through column's values for every row of a batch, because a batching cursor reads
/// ahead of the row it serves.
/// </summary>
internal abstract class ColumnBuffer
{
    private static readonly MethodInfo ScalarFactory =
        typeof(ColumnBuffer).GetMethod(nameof(CreateScalar), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo VectorFactory =
        typeof(ColumnBuffer).GetMethod(nameof(CreateVector), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Copies the source row's current value into <paramref name="slot"/>.</summary>
    public abstract void Capture(int slot);

    /// <summary>A getter that serves the value stored at the slot <paramref name="currentSlot"/> names.</summary>
    public abstract Delegate CreateGetter(Func<int> currentSlot);

    public static ColumnBuffer Create(DataViewRow source, DataViewSchema.Column column, int capacity)
    {
        Type raw = column.Type.RawType;
        MethodInfo factory = raw.IsGenericType && raw.GetGenericTypeDefinition() == typeof(VBuffer<>)
            ? VectorFactory.MakeGenericMethod(raw.GetGenericArguments()[0])
            : ScalarFactory.MakeGenericMethod(raw);
        return (ColumnBuffer)factory.Invoke(null, [source, column, capacity])!;
    }

    private static ColumnBuffer CreateScalar<T>(DataViewRow source, DataViewSchema.Column column, int capacity) =>
        new ScalarColumnBuffer<T>(source.GetGetter<T>(column), capacity);

    private static ColumnBuffer CreateVector<T>(DataViewRow source, DataViewSchema.Column column, int capacity) =>
        new VectorColumnBuffer<T>(source.GetGetter<VBuffer<T>>(column), capacity);
}
