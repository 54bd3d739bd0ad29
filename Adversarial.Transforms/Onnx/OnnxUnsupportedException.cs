namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>An ONNX model uses operators or attributes the importer does not run; the message lists every such node.</summary>
public sealed class OnnxUnsupportedException(string message) : NotSupportedException(message);
