using Onnx;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>
/// Nodes whose shape, index-range or axis inputs are computed from the image's pixel values rather than from constants or the
/// input's shape: their output's shape would follow the pixels, which a forward pass can do but autograd cannot differentiate
/// (an attack's gradient would silently miss that dependence). Shape and Size cut the dependence: a shape taken with Shape is fine.
/// </summary>
internal static class OnnxShapeDependence
{
    // Per operator, the inputs that set shapes, ranges, pads or axes.
    private static readonly Dictionary<string, int[]> ShapeInputs = new(StringComparer.Ordinal)
    {
        ["Reshape"] = [1],
        ["Expand"] = [1],
        ["Tile"] = [1],
        ["ConstantOfShape"] = [0],
        ["Range"] = [0, 1, 2],
        ["Slice"] = [1, 2, 3, 4],
        ["Resize"] = [1, 2, 3],
        ["Upsample"] = [1],
        ["Pad"] = [1, 3],
        ["Split"] = [1],
        ["Squeeze"] = [1],
        ["Unsqueeze"] = [1],
        ["Trilu"] = [1],
        ["TopK"] = [1],
        ["OneHot"] = [1],
        ["ReduceSum"] = [1],
        ["ReduceMean"] = [1],
        ["ReduceMax"] = [1],
        ["ReduceMin"] = [1],
        ["ReduceProd"] = [1],
        ["ReduceL1"] = [1],
        ["ReduceL2"] = [1],
        ["ReduceLogSum"] = [1],
        ["ReduceLogSumExp"] = [1],
        ["ReduceSumSquare"] = [1],
    };

    /// <summary>One line per node whose shape input depends on the values of <paramref name="dataInputs"/>.</summary>
    public static IEnumerable<string> Problems(GraphProto graph, long opset, IReadOnlyCollection<string> dataInputs)
    {
        // The node that first made each value pixel-dependent, to name where the dependence comes from.
        var origin = dataInputs.ToDictionary(name => name, name => $"the graph input '{name}'", StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            string name = node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault() ?? "";
            if (ShapeInputs.TryGetValue(node.OpType, out var positions))
            {
                foreach (int position in positions.Where(p => p < node.Input.Count && origin.ContainsKey(node.Input[p])))
                    yield return $"'{name}' ({node.OpType}, opset {opset}): its input '{node.Input[position]}' sets a shape, range or axis but is computed"
                        + $" from the pixel values (through {origin[node.Input[position]]}), which autograd cannot follow"
                        + " (take the shape with Shape, or export with the shape fixed)";
            }
            if (node.OpType is "Shape" or "Size")
                continue;
            if (node.Input.FirstOrDefault(i => i.Length > 0 && origin.ContainsKey(i)) is { } dependent)
                foreach (string output in node.Output.Where(o => o.Length > 0))
                    origin.TryAdd(output, origin[dependent].StartsWith("the graph input", StringComparison.Ordinal) ? $"'{name}' ({node.OpType})" : origin[dependent]);
        }
    }
}
