using System.Reflection;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Tests.Support;
using MlNetAdversarial.Transforms.Attacks;
using TorchSharp;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// No library method hands libtorch a temporary <see cref="Scalar"/> (see <see cref="MlNetAdversarial.Transforms.Torch.Scalars"/>):
/// the IL of every method, lambdas and the ONNX importer's operators included, is searched by <see cref="TemporaryScalarSearch"/>.
/// </summary>
public sealed class ScalarLifetimeTests
{
    private readonly TemporaryScalarSearch _search = new();

    [Fact]
    public void NoLibraryMethodPassesATemporaryScalarToLibtorch()
    {
        // The command-line tool too: its benchmarks and commands call torch.
        var offenders = new[] { typeof(AttackRegistry).Assembly, typeof(SweepResult).Assembly, Assembly.Load("adversarial") }
            .SelectMany(a => a.GetTypes())
            .SelectMany(IlCalls.DeclaredBy)
            .Select(m => (Method: m, Calls: _search.CountIn(m)))
            .Where(m => m.Calls > 0)
            .Select(m => $"{m.Method.DeclaringType!.FullName}.{m.Method.Name}: {m.Calls}")
            .ToArray();
        Assert.True(offenders.Length == 0, "Temporary Scalars (use Scalars.Of): " + string.Join("; ", offenders));
    }

    /// <summary>Fixture methods below and how many temporary Scalars each hands libtorch.</summary>
    [Theory]
    // x * 2.0, clamp's 0 and 1, square, and + of two tensors.
    [InlineData(nameof(Doubles), 5)]
    // leaky_relu and elu turn their double into a Scalar inside TorchSharp (the ONNX LeakyRelu crash), arange its start and step.
    [InlineData(nameof(InsideTorchSharp), 3)]
    [InlineData(nameof(LeakyModule), 1)]
    [InlineData(nameof(OptimizerStep), 1)]
    [InlineData(nameof(LongLived), 0)]
    public void TheSearchCountsEveryTemporaryScalarAndNothingElse(string method, int expected)
    {
        Assert.Equal(expected, _search.CountIn(Method(method)));
    }

    private static MethodBase Method(string name) =>
        typeof(ScalarLifetimeTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static torch.Tensor Doubles(torch.Tensor x) => (x * 2.0).clamp(0, 1) + x.square();

    private static torch.Tensor InsideTorchSharp(torch.Tensor x, Scalar n) =>
        torch.nn.functional.leaky_relu(x, 0.1) * torch.nn.functional.elu(x, 1.0) * torch.arange(n);

    private static torch.nn.Module<torch.Tensor, torch.Tensor> LeakyModule() => torch.nn.LeakyReLU(0.1);

    private static void OptimizerStep(torch.optim.Optimizer optimizer) => optimizer.step();

    private static torch.Tensor LongLived(torch.Tensor x, Scalar two) => (x * two).relu().sigmoid().mul(x).add(x, two);
}
