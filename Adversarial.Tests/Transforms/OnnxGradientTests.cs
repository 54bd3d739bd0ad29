using MlNetAdversarial.Tests.Support;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// Attacks need the gradient of the scores with respect to the image: for every single-node conformance case of an
/// operator the spec makes differentiable, autograd's directional derivative along a random direction equals the
/// central difference, in float64 (the graph's constants cast with it). Where the one-sided differences disagree the
/// case sits on a kink (a minimum taken by tied elements) and has no derivative along that direction to compare.
/// </summary>
public sealed class OnnxGradientTests(ITestOutputHelper output)
{
    // Curvature separates the one-sided differences by about Step·f″; a kink by the size of the gradient's jump.
    private const double Step = 1e-6, Tolerance = 1e-5, KinkTolerance = 1e-2;

    private static readonly HashSet<string> Differentiable = new(StringComparer.Ordinal)
    {
        "Pow", "Sqrt", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Erf", "Softplus", "Softsign", "HardSigmoid", "HardSwish", "Mish", "Gelu",
        "Min", "Max", "Sum", "Mean", "Expand", "Tile", "Slice", "Split", "Gather", "GatherElements", "Trilu", "Einsum",
        "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp",
        "LayerNormalization", "GroupNormalization", "InstanceNormalization", "Resize", "Upsample", "DepthToSpace", "SpaceToDepth",
    };

    [Fact]
    public void GradientsOfTheNewOperatorsEqualCentralDifferences()
    {
        var failures = new List<string>();
        var checkedByOp = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var kinks = new List<string>();
        foreach (var suiteCase in OnnxBackendSuite.Cases())
        {
            var nodes = suiteCase.Model.Graph.Node;
            if (suiteCase.Imported is null || nodes.Count != 1 || !Differentiable.Contains(nodes[0].OpType))
                continue;
            using var scope = NewDisposeScope();
            var inputs = suiteCase.Inputs();
            string? image = inputs.Keys.FirstOrDefault(k => inputs[k].is_floating_point() && inputs[k].numel() > 0);
            if (image is null)
                continue;
            var (problem, outcome) = Check(suiteCase, inputs, image);
            if (problem is not null)
                failures.Add($"{suiteCase.Name}: {problem}");
            if (outcome == Outcome.Kink)
                kinks.Add(suiteCase.Name);
            if (outcome == Outcome.Checked)
                checkedByOp[nodes[0].OpType] = checkedByOp.GetValueOrDefault(nodes[0].OpType) + 1;
        }
        output.WriteLine(string.Join(", ", checkedByOp.Select(e => $"{e.Key} {e.Value}")));
        output.WriteLine("on a kink: " + string.Join(", ", kinks));
        Assert.True(kinks.Count <= 3, "more cases on kinks than the suite's tied examples: " + string.Join(", ", kinks));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var unchecked_ = Differentiable.Where(op => !checkedByOp.ContainsKey(op)).ToArray();
        Assert.True(unchecked_.Length == 0, "no case checked the gradient of " + string.Join(", ", unchecked_));
    }

    private enum Outcome { Checked, Kink, NoFloatOutput }

    private static (string? Problem, Outcome Outcome) Check(OnnxBackendSuite.Case suiteCase, Dictionary<string, Tensor> inputs, string image)
    {
        var module = suiteCase.Imported!.Module;
        module.to(ScalarType.Float64);
        var doubles = inputs.ToDictionary(e => e.Key, e => e.Value.is_floating_point() ? e.Value.to_type(ScalarType.Float64) : e.Value);
        var generator = new Generator(20261204);
        var direction = randn(doubles[image].shape, ScalarType.Float64, generator: generator);
        var x = doubles[image].detach().requires_grad_();
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        int used = 0;

        double Objective(Tensor at, bool keepGraph)
        {
            var values = suiteCase.Imported.RunAll(new Dictionary<string, Tensor>(doubles) { [image] = at });
            Tensor total = zeros(1, ScalarType.Float64);
            foreach (var name in suiteCase.Model.Graph.Output.Select(o => o.Name))
            {
                var y = values[name];
                if (!y.is_floating_point() || y.numel() == 0)
                    continue;
                if (!weights.TryGetValue(name, out var w))
                    weights[name] = w = randn(y.shape, ScalarType.Float64, generator: generator);
                total = total + (y * w).sum();
                used++;
            }
            if (keepGraph && total.requires_grad)
                total.backward();
            return total.item<double>();
        }

        double here = Objective(x, keepGraph: true);
        // An integer result (Pow of an integer base) or an empty slice has nothing to differentiate.
        if (used == 0)
            return (null, Outcome.NoFloatOutput);
        if (x.grad is null)
            return ("no gradient reached the input", Outcome.Checked);
        double analytic = (x.grad * direction).sum().item<double>();
        using (no_grad())
        {
            double ahead = Objective(doubles[image] + direction * Step, false), behind = Objective(doubles[image] - direction * Step, false);
            double forward = (ahead - here) / Step, backward = (here - behind) / Step, numeric = (ahead - behind) / (2 * Step);
            if (Math.Abs(forward - backward) > KinkTolerance * (1 + Math.Abs(numeric)))
                return (null, Outcome.Kink);
            if (double.IsNaN(analytic) || Math.Abs(analytic - numeric) > Tolerance * (1 + Math.Abs(numeric)))
                return ($"autograd {analytic:g9}, central difference {numeric:g9}", Outcome.Checked);
        }
        return (null, Outcome.Checked);
    }
}
