using MlNetAdversarial.Transforms.Registries;
namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Every ONNX operator the importer runs (default domain). Adding one is its entry in a family's list.</summary>
internal static class OnnxOpRegistry
{
    // ONNX operator names are case-sensitive (Max is not MAX).
    public static Registry<OnnxOp> All { get; } = new("ONNX operator",
        new[] { OnnxConvOps.All, OnnxPoolOps.All, OnnxLinearOps.All, OnnxNormalizationOps.All, OnnxElementwiseOps.All, OnnxMathOps.All, OnnxLogicOps.All,
            OnnxShapeOps.All, OnnxSelectionOps.All, OnnxExpansionOps.All, OnnxReduceOps.All, OnnxResizeOps.All }.SelectMany(family => family), StringComparer.Ordinal);
}
