using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>Bulk copies between managed buffers and CPU tensors (never element by element).</summary>
internal static class TensorCopy
{
    public static Tensor FromFloats(Span<float> values, long[] shape)
    {
        var tensor = empty(shape, ScalarType.Float32);
        tensor.bytes = MemoryMarshal.AsBytes(values);
        return tensor;
    }

    public static Tensor FromLongs(Span<long> values)
    {
        var tensor = empty([values.Length], ScalarType.Int64);
        tensor.bytes = MemoryMarshal.AsBytes(values);
        return tensor;
    }

    public static void ToFloats(Tensor tensor, Span<float> destination)
    {
        using var dense = tensor.contiguous();
        MemoryMarshal.Cast<byte, float>(dense.bytes).CopyTo(destination);
    }

    /// <summary>Class indices (int64) out as one-based ML.NET key values.</summary>
    public static void ToKeys(Tensor classes, Span<uint> destination)
    {
        using var scope = NewDisposeScope();
        using var keys = classes.add(1).to_type(ScalarType.Int32).contiguous();
        MemoryMarshal.Cast<byte, uint>(keys.bytes).CopyTo(destination);
    }

    public static void ToLongs(Tensor tensor, Span<long> destination)
    {
        using var dense = tensor.contiguous();
        MemoryMarshal.Cast<byte, long>(dense.bytes).CopyTo(destination);
    }
}
