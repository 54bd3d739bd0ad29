using MlNetAdversarial.Transforms.Registries;
namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Every ONNX operator the importer runs (default domain). Adding one is its entry in a family's list.</summary>
internal static class OnnxOpRegistry
{
    // ONNX operator names are case-sensitive (Max is not MAX).
    public static Registry<OnnxOp> All { get; } = new("ONNX operator",
        OnnxConvOps.All.Concat(OnnxPoolOps.All).Concat(OnnxLinearOps.All).Concat(OnnxElementwiseOps.All).Concat(OnnxShapeOps.All), StringComparer.Ordinal);
}
