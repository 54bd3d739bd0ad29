using MlNetAdversarial.Tests.Support;
using MlNetAdversarial.Transforms.Onnx;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// The official ONNX backend test cases (Debian's libonnx-testdata: node/ and pytorch-converted/): every case whose
/// graph the importer accepts must reproduce the expected outputs within the suite's tolerances (rtol 1e-3, atol 1e-7),
/// and every operator the importer claims passes at least one case.
/// </summary>
public sealed class OnnxConformanceTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-3, AbsoluteTolerance = 1e-7;

    [Fact]
    public void EveryClaimedCaseMatchesTheExpectedOutputs()
    {
        // Per operator: cases holding it that were claimed, passed, and refused (by it or by another node of the case).
        var counts = new SortedDictionary<string, (int Claimed, int Passed, int Refused)>(StringComparer.Ordinal);
        var failures = new List<string>();
        var refusedOfSupported = new List<string>();
        int claimed = 0, refused = 0;
        foreach (var suiteCase in OnnxBackendSuite.Cases())
        {
            var ops = suiteCase.Model.Graph.Node.Select(n => n.OpType).Distinct().ToArray();
            if (suiteCase.Imported is null)
            {
                refused++;
                foreach (string op in ops)
                    counts[op] = counts.GetValueOrDefault(op) with { Refused = counts.GetValueOrDefault(op).Refused + 1 };
                if (ops.All(OnnxImporter.SupportedOperators.Contains))
                    refusedOfSupported.Add($"{suiteCase.Name}: {Reason(suiteCase.Refusal)}");
                continue;
            }
            claimed++;
            string? problem = RunCase(suiteCase);
            if (problem is not null)
                failures.Add($"{suiteCase.Name}: {problem}");
            foreach (string op in ops)
            {
                var (c, p, r) = counts.GetValueOrDefault(op);
                counts[op] = (c + 1, p + (problem is null ? 1 : 0), r);
            }
        }
        output.WriteLine($"claimed {claimed} cases, refused {refused}; passed {claimed - failures.Count}");
        output.WriteLine("| operator | claimed | passed | refused |");
        foreach (var (op, (c, p, r)) in counts.Where(e => OnnxImporter.SupportedOperators.Contains(e.Key)))
            output.WriteLine($"| {op} | {c} | {p} | {r} |");
        foreach (string refusal in refusedOfSupported)
            output.WriteLine($"refused though every operator is supported: {refusal}");
        foreach (string failure in failures)
            output.WriteLine($"FAILED {failure}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {claimed} claimed cases failed:\n" + string.Join("\n", failures));
        var neverPassed = OnnxImporter.SupportedOperators.Where(op => counts.GetValueOrDefault(op).Passed == 0).ToArray();
        Assert.True(neverPassed.Length == 0, "supported operators without one passing case: " + string.Join(", ", neverPassed));
    }

    /// <summary>The importer's message without its list of supported operators.</summary>
    private static string Reason(string? refusal) => refusal is null ? "" : refusal.Split(". Supported operators:")[0];

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
            if (expected.numel() == 0)
                continue;
            if (expected.is_floating_point())
            {
                var a = actual.to_type(ScalarType.Float64);
                var b = expected.to_type(ScalarType.Float64);
                var excess = ((a - b).abs() - (AbsoluteTolerance + RelativeTolerance * b.abs())).max().item<double>();
                bool sameNan = a.isnan().eq(b.isnan()).all().item<bool>();
                if (!sameNan || excess > 0 && !double.IsNaN(excess))
                    return $"output '{name}' off by up to {excess + AbsoluteTolerance:g3} beyond tolerance";
            }
            else if (!actual.to_type(expected.dtype).eq(expected).all().item<bool>())
                return $"output '{name}' differs";
        }
        return null;
    }
}
