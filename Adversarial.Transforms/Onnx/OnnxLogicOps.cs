using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>
/// Comparisons, boolean logic and Where. Their boolean results carry no gradient: autograd treats a mask as a constant
/// of the graph and follows the values Where picks.
/// </summary>
internal static class OnnxLogicOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("Equal", (_, i) => [i[0]!.eq(i[1]!)], []),
        new("Greater", (_, i) => [i[0]!.gt(i[1]!)], []),
        new("Less", (_, i) => [i[0]!.lt(i[1]!)], []),
        new("GreaterOrEqual", (_, i) => [i[0]!.ge(i[1]!)], []),
        new("LessOrEqual", (_, i) => [i[0]!.le(i[1]!)], []),
        new("Not", (_, i) => [i[0]!.logical_not()], []),
        new("And", (_, i) => [i[0]!.logical_and(i[1]!)], []),
        new("Or", (_, i) => [i[0]!.logical_or(i[1]!)], []),
        new("Xor", (_, i) => [i[0]!.logical_xor(i[1]!)], []),
        new("Where", (_, i) => [where(i[0]!.to_type(ScalarType.Bool), i[1]!, i[2]!)], []),
    ];
}
