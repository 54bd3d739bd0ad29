using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Buffers a vector column. A source getter may hand out its own reused arrays, so each value is
/// deep-copied into a buffer the slot owns.
/// </summary>
internal sealed class VectorColumnBuffer<T>(ValueGetter<VBuffer<T>> source, int capacity) : ColumnBuffer
{
    private readonly VBuffer<T>[] _values = new VBuffer<T>[capacity];
    private VBuffer<T> _scratch;

    public override void Capture(int slot)
    {
        source(ref _scratch);
        _scratch.CopyTo(ref _values[slot]);
    }

    public override Delegate CreateGetter(Func<int> currentSlot) =>
        new ValueGetter<VBuffer<T>>((ref VBuffer<T> value) => _values[currentSlot()].CopyTo(ref value));
}
