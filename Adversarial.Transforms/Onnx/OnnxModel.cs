using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>An imported ONNX graph: the module and what the file says about its input and output.</summary>
/// <param name="Module">The differentiable module (first graph input → first graph output).</param>
/// <param name="InputNames">The graph's inputs that are not initializers; the first is the image.</param>
/// <param name="OutputNames">The graph's outputs; the first is the scores.</param>
/// <param name="InputDims">The image input's dimensions as declared (-1 where symbolic, such as the batch).</param>
/// <param name="Output">What the scores are, read from a final Softmax/LogSoftmax (else logits).</param>
/// <param name="Opset">The default-domain opset the model imports.</param>
/// <param name="InputElementType">The element type the image input declares.</param>
public sealed record OnnxModel(nn.Module<Tensor, Tensor> Module, IReadOnlyList<string> InputNames, IReadOnlyList<string> OutputNames,
    IReadOnlyList<long> InputDims, ClassifierOutput Output, long Opset, global::Onnx.TensorProto.Types.DataType InputElementType)
{
    /// <summary>Every graph value for the given named inputs (conformance tests; graphs with several inputs).</summary>
    public IReadOnlyDictionary<string, Tensor> RunAll(IReadOnlyDictionary<string, Tensor> inputs) => ((OnnxGraphModule)Module).RunAll(inputs);
}
