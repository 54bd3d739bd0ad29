using System.Diagnostics;
using System.Runtime.InteropServices;
using MlNetAdversarial.Tests.Support;
using MlNetAdversarial.Transforms.Onnx;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// Every operator the importer claims, run in an imported graph (the ONNX backend suite's first accepted case using it) again and
/// again while a second thread keeps the garbage collector and the finalizer thread busy: a temporary TorchSharp Scalar freed by
/// its finalizer during the native call (see <see cref="MlNetAdversarial.Transforms.Torch.Scalars"/>) shows as a libtorch error
/// ("Expected false to be true … toFloat") or as a changed output. The race is rare per call, so each operator gets a time slice
/// and inputs enlarged along the batch where its graph takes them (a longer native call is a wider window). The IL search in
/// <see cref="ScalarLifetimeTests"/> is the exact check; this one is what a user's run meets.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Slow)]
public sealed class OnnxGcStressTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SlicePerOperator = TimeSpan.FromMilliseconds(400);

    private const long EnlargedElements = 1 << 16;

    private static readonly TimeSpan MaxEnlargedRun = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void EveryOperatorRunsUnchangedUnderGarbageCollectionFromAnotherThread()
    {
        var claimed = OnnxBackendSuite.Cases().Where(c => c.Imported is not null).ToArray();
        var cases = OnnxImporter.SupportedOperators
            .Select(op => (Op: op, Case: claimed.FirstOrDefault(c => c.Model.Graph.Node.Any(n => n.OpType == op))))
            .ToArray();
        Assert.True(cases.All(c => c.Case is not null), "operators without a case: " + string.Join(", ", cases.Where(c => c.Case is null).Select(c => c.Op)));

        using var scope = NewDisposeScope();
        var runs = cases.Select(c => Prepare(c.Op, c.Case!)).ToArray();
        using var stop = new CancellationTokenSource();
        long collections = 0;
        var pressure = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
                Thread.SpinWait(200);
                collections++;
            }
        }) { IsBackground = true };
        pressure.Start();
        var failures = new List<string>();
        long calls = 0;
        try
        {
            foreach (var run in runs)
            {
                for (var clock = Stopwatch.StartNew(); clock.Elapsed < SlicePerOperator; calls++)
                {
                    using var round = NewDisposeScope();
                    string? problem = Problem(run);
                    if (problem is not null)
                    {
                        failures.Add($"{run.Op} ({run.Case.Name}): {problem}");
                        break;
                    }
                }
            }
        }
        finally
        {
            stop.Cancel();
            pressure.Join();
        }
        output.WriteLine($"{runs.Length} operators ({runs.Count(r => r.Enlarged)} on enlarged inputs), {calls} graph runs, {collections} collections with finalizers");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(collections > runs.Length * 10, $"only {collections} collections: no pressure");
    }

    private sealed record Run(string Op, OnnxBackendSuite.Case Case, IReadOnlyDictionary<string, Tensor> Inputs, Tensor[] First, bool Enlarged);

    /// <summary>The case's inputs repeated along their first dimension (all of them, else the first alone) where the graph still
    /// runs on them quickly, else as given.</summary>
    private static Run Prepare(string op, OnnxBackendSuite.Case suiteCase)
    {
        var inputs = suiteCase.Inputs();
        string first = inputs.Keys.First();
        foreach (var enlarge in new Func<string, bool>[] { _ => true, name => name == first })
        {
            var enlarged = inputs.ToDictionary(p => p.Key, p => enlarge(p.Key) ? Enlarged(p.Value) : p.Value);
            try
            {
                var clock = Stopwatch.StartNew();
                var outputs = Outputs(suiteCase, enlarged);
                if (clock.Elapsed < MaxEnlargedRun)
                    return new Run(op, suiteCase, enlarged, outputs, true);
            }
            catch (Exception e) when (e is ArgumentException or ExternalException or InvalidOperationException or NotSupportedException)
            {
            }
        }
        return new Run(op, suiteCase, inputs, Outputs(suiteCase, inputs), false);
    }

    private static Tensor Enlarged(Tensor value) =>
        value.is_floating_point() && value.dim() > 0 && value.shape[0] > 0
            ? value.repeat([Math.Max(1, EnlargedElements / Math.Max(1, value.numel())), .. Enumerable.Repeat(1L, (int)value.dim() - 1)])
            : value;

    private static string? Problem(Run run)
    {
        try
        {
            var again = Outputs(run.Case, run.Inputs);
            return again.Zip(run.First).All(p => Same(p.First, p.Second)) ? null : "an output changed between two runs on the same inputs";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
        }
    }

    private static Tensor[] Outputs(OnnxBackendSuite.Case suiteCase, IReadOnlyDictionary<string, Tensor> inputs)
    {
        var values = suiteCase.Imported!.RunAll(inputs);
        return suiteCase.Model.Graph.Output.Select(o => values[o.Name].clone()).ToArray();
    }

    /// <summary>Equal shapes and values, NaN where the other has NaN.</summary>
    private static bool Same(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && (a.is_floating_point()
            ? a.isnan().eq(b.isnan()).all().item<bool>() && a.nan_to_num().eq(b.nan_to_num()).all().item<bool>()
            : a.eq(b).all().item<bool>());
}
