using Microsoft.ML;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>Buffers a scalar column; scalar values are copied by assignment.</summary>
internal sealed class ScalarColumnBuffer<T>(ValueGetter<T> source, int capacity) : ColumnBuffer
{
    private readonly T[] _values = new T[capacity];

    public override void Capture(int slot) => source(ref _values[slot]);

    public override Delegate CreateGetter(Func<int> currentSlot) =>
        new ValueGetter<T>((ref T value) => value = _values[currentSlot()]);
}
