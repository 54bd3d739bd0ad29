using Onnx;

namespace MlNetAdversarial.Transforms.BlackBox;

/// <summary>What ONNX Runtime needs told about a graph, read without importing it: image input, its dims, score output, final op.</summary>
internal sealed record OnnxGraphInfo(string InputName, IReadOnlyList<long> InputDims, string OutputName, string LastOperator)
{
    public static OnnxGraphInfo Read(string path, string? inputName)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{path} is not an ONNX model: {e.Message}", e);
        }
        var graph = model.Graph;
        if (graph is null || graph.Node.Count == 0 || graph.Output.Count == 0)
            throw new InvalidDataException($"{path} holds no ONNX graph with an output.");
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToArray();
        if (inputName is null && inputs.Length != 1)
            throw new ArgumentException($"{path} takes {inputs.Length} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); name the image input.");
        var image = inputName is null ? inputs[0] : inputs.FirstOrDefault(i => i.Name == inputName)
            ?? throw new ArgumentException($"{path} has no graph input '{inputName}'; its inputs: {string.Join(", ", inputs.Select(i => i.Name))}.");
        if (image.Type?.TensorType is not { } tensor || (TensorProto.Types.DataType)tensor.ElemType != TensorProto.Types.DataType.Float)
            throw new ArgumentException($"{path}: the input '{image.Name}' is not a float tensor; an image classifier takes float pixels.");
        var dims = tensor.Shape?.Dim.Select(d => d.DimValue > 0 ? d.DimValue : -1).ToArray() ?? [];
        var output = graph.Output[0].Name;
        var last = graph.Node.LastOrDefault(n => n.Output.Contains(output))?.OpType ?? "";
        return new OnnxGraphInfo(image.Name, dims, output, last);
    }
}
