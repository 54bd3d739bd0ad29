using Onnx;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>One node of the graph with its attributes, as an op implementation sees it.</summary>
internal sealed class OnnxNode
{
    private readonly Dictionary<string, AttributeProto> _attributes;
    private readonly IReadOnlySet<string> _constants;

    public OnnxNode(NodeProto proto, long opset, IReadOnlySet<string> constants)
    {
        Proto = proto;
        Opset = opset;
        _constants = constants;
        _attributes = proto.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public NodeProto Proto { get; }

    /// <summary>The opset of the node's domain the model imports.</summary>
    public long Opset { get; }

    public string OpType => Proto.OpType;

    /// <summary>The node's name, or its first output where the exporter gave none.</summary>
    public string Name => Proto.Name.Length > 0 ? Proto.Name : Proto.Output.FirstOrDefault() ?? "";

    public IEnumerable<string> AttributeNames => _attributes.Keys;

    /// <summary>Whether the graph value is fixed when the model is loaded (an initializer or a Constant's output).</summary>
    public bool IsConstant(string valueName) => _constants.Contains(valueName);

    /// <summary>The name of the node's input at <paramref name="index"/>, or null where it is absent or left empty.</summary>
    public string? InputName(int index) => index < Proto.Input.Count && Proto.Input[index].Length > 0 ? Proto.Input[index] : null;

    public bool Has(string name) => _attributes.ContainsKey(name);

    public long Int(string name, long fallback) => _attributes.TryGetValue(name, out var a) ? a.I : fallback;

    public float Float(string name, float fallback) => _attributes.TryGetValue(name, out var a) ? a.F : fallback;

    public string String(string name, string fallback) => _attributes.TryGetValue(name, out var a) ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => _attributes.TryGetValue(name, out var a) ? a.Ints.ToArray() : null;

    public float[]? Floats(string name) => _attributes.TryGetValue(name, out var a) ? a.Floats.ToArray() : null;

    public Tensor? TensorAttribute(string name) => _attributes.TryGetValue(name, out var a) && a.T is not null ? OnnxTensors.ToTensor(a.T) : null;
}
