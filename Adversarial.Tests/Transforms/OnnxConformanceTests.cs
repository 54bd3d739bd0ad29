using MlNetAdversarial.Tests.Support;
using MlNetAdversarial.Transforms.Onnx;
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
    private const double RelativeTolerance = 1e-3, AbsoluteTolerance = 1e-7;

    [Fact]
    public void EveryClaimedCaseMatchesTheExpectedOutputs()
    {
        var passedByOp = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        int claimed = 0, refused = 0;
        foreach (var suiteCase in OnnxBackendSuite.Cases())
        {
            if (suiteCase.Imported is null)
            {
                refused++;
                continue;
            }
            claimed++;
            string? problem = RunCase(suiteCase);
            if (problem is not null)
            {
                failures.Add($"{suiteCase.Name}: {problem}");
                continue;
            }
            foreach (string op in suiteCase.Model.Graph.Node.Select(n => n.OpType).Distinct())
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

    private static string? RunCase(OnnxBackendSuite.Case suiteCase)
    {
        using var scope = NewDisposeScope();
        IReadOnlyDictionary<string, Tensor> values;
        try
        {
            values = suiteCase.Imported!.RunAll(suiteCase.Inputs());
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        var outputs = suiteCase.Model.Graph.Output;
        for (int i = 0; i < outputs.Count; i++)
        {
            var expected = suiteCase.Expected(i);
            string name = outputs[i].Name;
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
