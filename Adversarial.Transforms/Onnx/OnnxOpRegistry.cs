namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Every ONNX operator the importer runs (default domain). Adding one is its entry in a family's list.</summary>
internal static class OnnxOpRegistry
{
    public static IReadOnlyDictionary<string, OnnxOp> All { get; } =
        OnnxConvOps.All.Concat(OnnxPoolOps.All).Concat(OnnxLinearOps.All).Concat(OnnxElementwiseOps.All).Concat(OnnxShapeOps.All)
            .ToDictionary(op => op.Name, StringComparer.Ordinal);
}
