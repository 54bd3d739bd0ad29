using Onnx;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>
/// Turns an ONNX image classifier into a differentiable TorchSharp module (white-box attacks on ONNX models).
/// Initializers become buffers (also where old exporters list them among the graph inputs); the batch size is free.
/// </summary>
public static class OnnxImporter
{
    /// <summary>The operators the importer runs (default domain).</summary>
    public static IReadOnlyCollection<string> SupportedOperators => OnnxOpRegistry.All.Select(op => op.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Reads the file and builds the module.</summary>
    /// <exception cref="OnnxUnsupportedException">Some node uses an operator or attribute the importer does not run (all are listed).</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or its graph has no single image input and output.</exception>
    /// <param name="path">The .onnx file.</param>
    /// <param name="inputName">The graph input that takes the images; by default the only input that is not an initializer.</param>
    public static OnnxModel Load(string path, string? inputName = null)
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
        if (model.Graph is null || model.Graph.Node.Count == 0)
            throw new InvalidDataException($"{path} holds no ONNX graph.");
        return Build(model, path, inputName);
    }

    /// <param name="model">The parsed file.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="inputName">The image input, as in <see cref="Load"/>.</param>
    /// <param name="pixelShapedGraphs">
    /// Whether a shape computed from the image's pixels is allowed: only for the conformance cases, which give shapes and axes as graph
    /// inputs by design; an image classifier's shapes must come from constants or the input's shape.
    /// </param>
    internal static OnnxModel Build(ModelProto model, string source, string? inputName = null, bool pixelShapedGraphs = false)
    {
        var graph = model.Graph;
        long opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 1;
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var constants = initializers.Concat(graph.Node.Where(n => n.OpType == "Constant").SelectMany(n => n.Output)).ToHashSet(StringComparer.Ordinal);
        var nodes = graph.Node.Select(n => new OnnxNode(n, opset, constants)).ToArray();
        var problems = new List<string>();
        var resolved = new List<(OnnxNode, OnnxOp)>();
        foreach (var node in nodes)
        {
            var op = OnnxOpRegistry.All.Find(node.OpType);
            string? why = node.Proto.Domain is not ("" or "ai.onnx") ? $"domain {node.Proto.Domain}"
                : op is null ? "operator not supported"
                : op.Unsupported(node);
            if (why is null)
                resolved.Add((node, op!));
            else
                problems.Add($"'{node.Name}' ({node.OpType}, opset {opset}): {why}"
                    + (OnnxWorkarounds.For(node.OpType, node.Proto.Domain, why) is { } workaround ? $" ({workaround})" : ""));
        }
        var dataInputs = graph.Input.Where(i => !initializers.Contains(i.Name)).Select(i => i.Name).ToArray();
        if (!pixelShapedGraphs)
            problems.AddRange(OnnxShapeDependence.Problems(graph, opset, dataInputs));
        foreach (var value in graph.Input.Concat(graph.Output))
        {
            if (value.Type?.TensorType is not { } tensorType)
                problems.Add($"graph value '{value.Name}': not a tensor");
            else if (OnnxTensors.WhyUnsupported(tensorType.ElemType) is { } why)
                problems.Add($"graph value '{value.Name}': element type {(TensorProto.Types.DataType)tensorType.ElemType}"
                    + (OnnxWorkarounds.For("", "", why) is { } workaround ? $" ({workaround})" : ""));
        }
        if (problems.Count > 0)
            throw new OnnxUnsupportedException($"{source}: {problems.Count} node(s) of the ONNX graph cannot be imported: "
                + string.Join("; ", problems) + $". Supported operators: {string.Join(", ", SupportedOperators)}.");

        var inputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToArray();
        var outputs = graph.Output.ToArray();
        var image = inputName is null ? inputs.FirstOrDefault() : inputs.FirstOrDefault(i => i.Name == inputName)
            ?? throw new ArgumentException($"{source} has no graph input '{inputName}'; its inputs: {string.Join(", ", inputs.Select(i => i.Name))}.");
        var module = new OnnxGraphModule(graph, resolved, image?.Name ?? "", outputs.FirstOrDefault()?.Name ?? "");
        var dims = image?.Type?.TensorType?.Shape?.Dim.Select(d => d.DimValue > 0 ? d.DimValue : -1).ToArray() ?? [];
        var last = graph.Node[^1].OpType;
        var output = last == "Softmax" ? ClassifierOutput.Probabilities : last == "LogSoftmax" ? ClassifierOutput.LogProbabilities : ClassifierOutput.Logits;
        var elementType = (TensorProto.Types.DataType)(image?.Type?.TensorType?.ElemType ?? 0);
        return new OnnxModel(module, inputs.Select(i => i.Name).ToArray(), outputs.Select(o => o.Name).ToArray(), dims, output, opset, elementType);
    }
}
