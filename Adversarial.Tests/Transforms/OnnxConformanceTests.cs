using MlNetAdversarial.Transforms.Onnx;
using Onnx;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// The official ONNX backend test cases (Debian's libonnx-testdata: node/ and pytorch-converted/): every case whose
/// graph the importer accepts must reproduce the expected outputs within the suite's tolerances (rtol 1e-3, atol 1e-7).
/// </summary>
public sealed class OnnxConformanceTests(ITestOutputHelper output)
{
    private const string Suite = "/usr/share/libonnx-testdata/data";
    private const double RelativeTolerance = 1e-3, AbsoluteTolerance = 1e-7;

    [Fact]
    public void EveryClaimedCaseMatchesTheExpectedOutputs()
    {
        Assert.True(Directory.Exists(Suite), $"{Suite} is missing: install Debian's libonnx-testdata (apt-get install libonnx-testdata).");
        var passedByOp = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        int claimed = 0, refused = 0;
        foreach (string dir in new[] { "node", "pytorch-converted" }.SelectMany(s => Directory.EnumerateDirectories(Path.Combine(Suite, s))).Order())
        {
            string modelPath = Path.Combine(dir, "model.onnx");
            if (!File.Exists(modelPath))
                continue;
            var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
            OnnxModel imported;
            try
            {
                imported = OnnxImporter.Build(model, modelPath);
            }
            catch (Exception e) when (e is OnnxUnsupportedException or NotSupportedException)
            {
                refused++;
                continue;
            }
            claimed++;
            string? problem = RunCase(dir, model, imported);
            string name = $"{Path.GetFileName(Path.GetDirectoryName(dir))}/{Path.GetFileName(dir)}";
            if (problem is not null)
            {
                failures.Add($"{name}: {problem}");
                continue;
            }
            foreach (string op in model.Graph.Node.Select(n => n.OpType).Distinct())
                passedByOp[op] = passedByOp.GetValueOrDefault(op) + 1;
        }
        output.WriteLine($"claimed {claimed} cases, refused {refused}; passed {claimed - failures.Count}");
        foreach (var (op, count) in passedByOp)
            output.WriteLine($"  {op}: {count} passed");
        foreach (string failure in failures)
            output.WriteLine($"FAILED {failure}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {claimed} claimed cases failed:\n" + string.Join("\n", failures));
        var neverPassed = OnnxImporter.SupportedOperators.Where(op => !passedByOp.ContainsKey(op)).ToArray();
        Assert.True(neverPassed.Length == 0, "supported operators without one passing case: " + string.Join(", ", neverPassed));
    }

    private static string? RunCase(string dir, ModelProto model, OnnxModel imported)
    {
        using var scope = NewDisposeScope();
        string data = Path.Combine(dir, "test_data_set_0");
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet();
        var inputNames = model.Graph.Input.Select(i => i.Name).Where(n => !initializers.Contains(n)).ToArray();
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; File.Exists(Path.Combine(data, $"input_{i}.pb")) && i < inputNames.Length; i++)
            inputs[inputNames[i]] = OnnxTensors.ToTensor(TensorProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(data, $"input_{i}.pb"))));
        IReadOnlyDictionary<string, Tensor> values;
        try
        {
            values = imported.RunAll(inputs);
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        for (int i = 0; i < model.Graph.Output.Count; i++)
        {
            var expected = OnnxTensors.ToTensor(TensorProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(data, $"output_{i}.pb"))));
            string name = model.Graph.Output[i].Name;
            if (!values.TryGetValue(name, out var actual))
                return $"output '{name}' not produced";
            if (!actual.shape.SequenceEqual(expected.shape))
                return $"output '{name}' has shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]";
            if (expected.is_floating_point())
            {
                var a = actual.to_type(ScalarType.Float64);
                var b = expected.to_type(ScalarType.Float64);
                var excess = ((a - b).abs() - (AbsoluteTolerance + RelativeTolerance * b.abs())).max().item<double>();
                bool sameNan = a.isnan().eq(b.isnan()).all().item<bool>();
                if (expected.numel() > 0 && (!sameNan || excess > 0 && !double.IsNaN(excess)))
                    return $"output '{name}' off by up to {excess + AbsoluteTolerance:g3} beyond tolerance";
            }
            else if (!actual.to_type(expected.dtype).eq(expected).all().item<bool>())
                return $"output '{name}' differs";
        }
        return null;
    }
}
