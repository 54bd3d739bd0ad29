using System.Runtime.InteropServices;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>ONNX TensorProto ⇄ torch tensors (the element types CNN exports use).</summary>
internal static class OnnxTensors
{
    /// <summary>The tensor a TensorProto holds (raw or typed data), on the CPU.</summary>
    /// <exception cref="NotSupportedException">An element type other than float, double, int32, int64, uint8, int8 or bool.</exception>
    public static Tensor ToTensor(TensorProto proto)
    {
        long[] shape = proto.Dims.ToArray();
        byte[] raw = proto.RawData.ToByteArray();
        var type = (TensorProto.Types.DataType)proto.DataType;
        return type switch
        {
            TensorProto.Types.DataType.Float => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, float>(raw).ToArray() : proto.FloatData.ToArray(), shape),
            TensorProto.Types.DataType.Double => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, double>(raw).ToArray() : proto.DoubleData.ToArray(), shape),
            TensorProto.Types.DataType.Int64 => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, long>(raw).ToArray() : proto.Int64Data.ToArray(), shape),
            TensorProto.Types.DataType.Int32 => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, int>(raw).ToArray() : proto.Int32Data.ToArray(), shape),
            TensorProto.Types.DataType.Uint8 => tensor(raw.Length > 0 ? raw : proto.Int32Data.Select(v => (byte)v).ToArray(), shape),
            TensorProto.Types.DataType.Int8 => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, sbyte>(raw).ToArray() : proto.Int32Data.Select(v => (sbyte)v).ToArray(), shape),
            TensorProto.Types.DataType.Bool => tensor(raw.Length > 0 ? raw.Select(b => b != 0).ToArray() : proto.Int32Data.Select(v => v != 0).ToArray(), shape),
            _ => throw new NotSupportedException($"ONNX tensor '{proto.Name}' has element type {type}; supported: Float, Double, Int64, Int32, Uint8, Int8, Bool."),
        };
    }

    /// <summary>The torch element type of an ONNX data type code (Cast's "to").</summary>
    /// <exception cref="NotSupportedException">A type the importer does not handle.</exception>
    public static ScalarType ScalarTypeOf(long onnxType) => Find(onnxType) ?? throw new NotSupportedException(WhyUnsupported(onnxType));

    /// <summary>Whether tensors of this ONNX element type are read and computed with.</summary>
    public static bool IsSupported(long onnxType) => Find(onnxType) is not null;

    /// <summary>Why the importer cannot compute with this ONNX element type, or null when it can.</summary>
    public static string? WhyUnsupported(long onnxType) =>
        Find(onnxType) is null ? $"ONNX element type {(TensorProto.Types.DataType)(int)onnxType} is not supported." : null;

    private static ScalarType? Find(long onnxType) => (TensorProto.Types.DataType)(int)onnxType switch
    {
        TensorProto.Types.DataType.Float => ScalarType.Float32,
        TensorProto.Types.DataType.Double => ScalarType.Float64,
        TensorProto.Types.DataType.Int64 => ScalarType.Int64,
        TensorProto.Types.DataType.Int32 => ScalarType.Int32,
        TensorProto.Types.DataType.Uint8 => ScalarType.Byte,
        TensorProto.Types.DataType.Int8 => ScalarType.Int8,
        TensorProto.Types.DataType.Bool => ScalarType.Bool,
        _ => null,
    };

    /// <summary>The values of a small integer tensor (shapes, axes, pads).</summary>
    public static long[] Longs(Tensor values) => values.to_type(ScalarType.Int64).cpu().data<long>().ToArray();
}
