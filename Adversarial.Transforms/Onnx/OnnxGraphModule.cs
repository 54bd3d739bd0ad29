using MlNetAdversarial.Transforms.Torch;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>
/// An ONNX graph as a differentiable TorchSharp module: initializers (and Constant nodes) are buffers, so they
/// follow <c>.to(device)</c>; the nodes run in the graph's (topological) order as torch ops on every forward,
/// so the batch dimension is whatever the input has.
/// </summary>
internal sealed class OnnxGraphModule : nn.Module<Tensor, Tensor>
{
    private readonly (OnnxNode Node, OnnxOp Op)[] _nodes;
    // Per node, the values it reads for the last time: a forward pass frees them there (values the graph returns, the input and
    // buffers excepted), so a deep graph holds its live values, not every value it computed.
    private readonly string[][] _lastReads;
    private readonly Dictionary<string, string> _bufferOf = new(StringComparer.Ordinal);
    private readonly string _input;
    private readonly string _output;

    public OnnxGraphModule(GraphProto graph, IReadOnlyList<(OnnxNode Node, OnnxOp Op)> nodes, string input, string output) : base("OnnxGraph")
    {
        _input = input;
        _output = output;
        foreach (var initializer in graph.Initializer)
            Register(initializer.Name, OnnxTensors.ToTensor(initializer));
        var running = new List<(OnnxNode, OnnxOp)>();
        foreach (var (node, op) in nodes)
        {
            if (node.OpType == "Constant")
                Register(node.Proto.Output[0], op.Run(node, [])[0]);
            else
                running.Add((node, op));
        }
        _nodes = running.ToArray();
        _lastReads = LastReads(_nodes, [input, output, .. _bufferOf.Keys]);
    }

    private static string[][] LastReads((OnnxNode Node, OnnxOp Op)[] nodes, IReadOnlyCollection<string> kept)
    {
        var lastReader = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Length; i++)
            foreach (string name in nodes[i].Node.Proto.Input.Where(n => n.Length > 0))
                lastReader[name] = i;
        var keep = kept.ToHashSet(StringComparer.Ordinal);
        var reads = Enumerable.Range(0, nodes.Length).Select(_ => new List<string>()).ToArray();
        foreach (var (name, node) in lastReader.Where(e => !keep.Contains(e.Key)))
            reads[node].Add(name);
        return reads.Select(r => r.ToArray()).ToArray();
    }

    private void Register(string valueName, Tensor value)
    {
        string buffer = $"v{_bufferOf.Count}";
        _bufferOf[valueName] = buffer;
        register_buffer(buffer, value);
    }

    public override Tensor forward(Tensor input)
    {
        var values = Evaluate(new Dictionary<string, Tensor>(StringComparer.Ordinal) { [_input] = input }, freeDeadValues: true);
        return values.TryGetValue(_output, out var result) ? result
            : throw new InvalidOperationException($"The ONNX graph's output '{_output}' was never produced.");
    }

    /// <summary>Every value of the graph, given its inputs by name (a graph may have more than the image input).</summary>
    public IReadOnlyDictionary<string, Tensor> RunAll(IReadOnlyDictionary<string, Tensor> inputs) =>
        Evaluate(new Dictionary<string, Tensor>(inputs, StringComparer.Ordinal), freeDeadValues: false);

    private Dictionary<string, Tensor> Evaluate(Dictionary<string, Tensor> values, bool freeDeadValues)
    {
        // Several names can hold one tensor (Identity, Reshape to the same shape): it is freed when its last name dies.
        var names = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        var protectedTensors = new HashSet<Tensor>(values.Values, ReferenceEqualityComparer.Instance);
        var buffers = named_buffers().ToDictionary(b => b.name, b => b.buffer, StringComparer.Ordinal);
        foreach (var (valueName, buffer) in _bufferOf)
        {
            values.TryAdd(valueName, buffers[buffer]);
            protectedTensors.Add(buffers[buffer]);
        }
        for (int index = 0; index < _nodes.Length; index++)
        {
            var (node, op) = _nodes[index];
            var inputs = node.Proto.Input.Select(name => name.Length == 0 ? null : values.GetValueOrDefault(name)
                ?? throw new InvalidOperationException($"ONNX node '{node.Name}' ({node.OpType}) reads '{name}', which nothing produced.")).ToArray();
            Tensor[] outputs;
            try
            {
                outputs = op.Run(node, inputs);
            }
            catch (Exception e) when (e is ArgumentException or System.Runtime.InteropServices.ExternalException or IndexOutOfRangeException)
            {
                throw new InvalidOperationException($"ONNX node '{node.Name}' ({node.OpType}, opset {node.Opset}) failed on inputs of shapes "
                    + string.Join(", ", inputs.Select(t => t is null ? "none" : $"[{string.Join(", ", t.shape)}]")) + $": {LibtorchErrors.MessageOf(e)}", e);
            }
            for (int i = 0; i < outputs.Length && i < node.Proto.Output.Count; i++)
                if (node.Proto.Output[i].Length > 0)
                {
                    values[node.Proto.Output[i]] = outputs[i];
                    names[outputs[i]] = names.GetValueOrDefault(outputs[i]) + 1;
                }
            if (freeDeadValues)
                Free(values, names, protectedTensors, _lastReads[index]);
        }
        return values;
    }

    // Autograd keeps what the backward pass needs; disposing a handle here only lets the storage go once nothing else holds it.
    private static void Free(Dictionary<string, Tensor> values, Dictionary<Tensor, int> names, HashSet<Tensor> protectedTensors, string[] dead)
    {
        foreach (string name in dead)
        {
            if (!values.Remove(name, out var tensor) || protectedTensors.Contains(tensor))
                continue;
            if (names.TryGetValue(tensor, out int count) && count > 1)
                names[tensor] = count - 1;
            else
            {
                names.Remove(tensor);
                tensor.Dispose();
            }
        }
    }
}
