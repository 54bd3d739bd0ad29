using MlNetAdversarial.Transforms.Registries;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Runs one node: its inputs (null where the node leaves an optional input empty) to its outputs.</summary>
internal delegate Tensor[] OnnxOpRun(OnnxNode node, Tensor?[] inputs);

/// <summary>
/// One ONNX operator the importer claims: how it runs, the attributes it understands (any other attribute on a
/// node makes that node unsupported), and an optional check of attribute values, opsets and outputs that returns
/// why a node cannot be run, or null.
/// </summary>
internal sealed record OnnxOp(string Name, OnnxOpRun Run, IReadOnlyList<string> Attributes, Func<OnnxNode, string?>? Check = null) : IRegistryEntry
{
    /// <summary>Why this node cannot be run, or null when it can.</summary>
    public string? Unsupported(OnnxNode node)
    {
        var unknown = node.AttributeNames.Where(a => !Attributes.Contains(a)).ToArray();
        if (unknown.Length > 0)
            return $"attribute(s) {string.Join(", ", unknown)} not supported";
        return Check?.Invoke(node);
    }
}
