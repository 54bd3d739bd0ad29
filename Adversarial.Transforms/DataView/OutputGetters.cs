using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>Getters that serve one row of a kernel's output buffers.</summary>
internal static class OutputGetters
{
    public static Delegate Create(ImageBatch batch, OutputColumn column, int outputIndex, Func<int> currentSlot)
    {
        if (column.IsKey)
            return new ValueGetter<uint>((ref uint value) => value = batch.KeyAt(outputIndex, currentSlot()));
        int width = column.Width;
        return new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, width);
            batch.FloatsAt(outputIndex, currentSlot()).CopyTo(editor.Values);
            value = editor.Commit();
        });
    }
}
