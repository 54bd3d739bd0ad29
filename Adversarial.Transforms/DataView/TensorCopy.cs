using MlNetAdversarial.Transforms.Torch;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>Bulk copies between managed buffers and tensors (never element by element), through the CPU.</summary>
internal static class TensorCopy
{
    public static Tensor FromFloats(Span<float> values, long[] shape, Device device)
    {
        var tensor = empty(shape, ScalarType.Float32);
        tensor.bytes = MemoryMarshal.AsBytes(values);
        return device.type == DeviceType.CPU ? tensor : tensor.to(device);
    }

    public static Tensor FromLongs(Span<long> values, Device device)
    {
        var tensor = empty([values.Length], ScalarType.Int64);
        tensor.bytes = MemoryMarshal.AsBytes(values);
        return device.type == DeviceType.CPU ? tensor : tensor.to(device);
    }

    public static void ToFloats(Tensor tensor, Span<float> destination)
    {
        using var dense = tensor.cpu().contiguous();
        MemoryMarshal.Cast<byte, float>(dense.bytes).CopyTo(destination);
    }

    /// <summary>Class indices (int64) out as one-based ML.NET key values.</summary>
    public static void ToKeys(Tensor classes, Span<uint> destination)
    {
        using var scope = NewDisposeScope();
        using var keys = classes.Plus(Scalars.OfInteger(1)).to_type(ScalarType.Int32).cpu().contiguous();
        MemoryMarshal.Cast<byte, uint>(keys.bytes).CopyTo(destination);
    }
}
