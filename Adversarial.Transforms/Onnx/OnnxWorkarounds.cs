namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>What a user can do about a node the importer refuses: another opset, another export, or the model to attack instead.</summary>
internal static class OnnxWorkarounds
{
    private const string EvalMode = "export the model in eval mode (model.eval() before torch.onnx.export)";
    private const string ControlFlow = "control flow: export with a fixed input size, so the exporter traces one path";
    private const string Quantized = "a quantized model: attack the float model it was quantized from";
    private const string Recurrent = "recurrent layers are not run; the importer takes image classifiers";
    private const string Float32 = "export the float32 model, or convert this one to float32";

    private static readonly Dictionary<string, string> ByOperator = new(StringComparer.Ordinal)
    {
        ["Loop"] = ControlFlow,
        ["If"] = ControlFlow,
        ["Scan"] = ControlFlow,
        ["QuantizeLinear"] = Quantized,
        ["DequantizeLinear"] = Quantized,
        ["DynamicQuantizeLinear"] = Quantized,
        ["QLinearConv"] = Quantized,
        ["QLinearMatMul"] = Quantized,
        ["ConvInteger"] = Quantized,
        ["MatMulInteger"] = Quantized,
        ["LSTM"] = Recurrent,
        ["GRU"] = Recurrent,
        ["RNN"] = Recurrent,
    };

    /// <summary>A workaround for the node's refusal, or null where none is known.</summary>
    /// <param name="opType">The node's operator.</param>
    /// <param name="domain">The node's domain ("" or ai.onnx for the default one).</param>
    /// <param name="why">Why the node is refused.</param>
    public static string? For(string opType, string domain, string why)
    {
        if (domain is "com.microsoft" or "com.microsoft.nchwc")
            return "onnxruntime's fused operators come from its graph optimizations: attack the model as the exporter wrote it, before optimization";
        if (why.Contains("broadcast", StringComparison.Ordinal))
            return "re-export with opset 7 or newer (numpy broadcasting replaced the broadcast attribute)";
        if (why.Contains("training_mode", StringComparison.Ordinal))
            return EvalMode;
        if (why.Contains("Float16", StringComparison.Ordinal) || why.Contains("Bfloat16", StringComparison.Ordinal))
            return Float32;
        return ByOperator.GetValueOrDefault(opType);
    }
}
