using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

public class TorchRuntimeTests
{
    [Fact]
    public void ConvolutionGradientsAtLeNetsFullSizeEqualFloat64WhicheverKernelsWereChosen()
    {
        // The start-up check probes shrunk shapes; LeNet's real ones (batch 128, 28×28 and 12×12) must
        // agree too, or the check does not stand for what attacks compute.
        TorchRuntime.EnsureInitialized();
        Assert.True(ConvolutionGradientCheck.LargestRelativeError() <= ConvolutionGradientCheck.Tolerance, TorchRuntime.ConvolutionBackend);
        foreach (var (input, weight) in new[] { (new long[] { 128, 1, 28, 28 }, new long[] { 10, 1, 5, 5 }), ([128, 10, 12, 12], [20, 10, 5, 5]) })
        {
            using var scope = NewDisposeScope();
            var generator = new Generator(7);
            var x = rand(input, generator: generator);
            var w = randn(weight, generator: generator) * 0.2;
            var x32 = x.clone().requires_grad_(true);
            var x64 = x.to(float64).requires_grad_(true);
            var y32 = nn.functional.conv2d(x32, w);
            var y64 = nn.functional.conv2d(x64, w.to(float64));
            var upstream = randn(y32.shape, generator: generator);
            y32.backward([upstream]);
            y64.backward([upstream.to(float64)]);
            double error = (x32.grad!.to(float64) - x64.grad!).abs().max().item<double>() / x64.grad!.abs().max().item<double>();
            Assert.True(error <= ConvolutionGradientCheck.Tolerance, $"{string.Join('×', weight)}: relative error {error:G3} with {TorchRuntime.ConvolutionBackend}");
            // FGSM reads signs; only those of gradients too small for float32 to resolve may differ.
            var resolvable = x64.grad!.abs().gt(1e-4 * x64.grad!.abs().max().item<double>());
            long flipped = x32.grad!.sign().to(float64).ne(x64.grad!.sign()).logical_and(resolvable).sum().item<long>();
            Assert.Equal(0, flipped);
        }
    }

    [Fact]
    public void TheConvolutionBackendSaysWhichKernelsRunAndWhy()
    {
        string backend = TorchRuntime.ConvolutionBackend;
        Assert.True(backend.StartsWith("oneDNN (", StringComparison.Ordinal) || backend.StartsWith("libtorch's own kernels (", StringComparison.Ordinal), backend);
    }

    [Fact]
    public void AnUnknownOneDnnSettingIsRefusedNamingTheVariableAndTheChoices()
    {
        TorchRuntime.EnsureInitialized(); // the variable is read at start-up; set it only once that is past
        string? before = Environment.GetEnvironmentVariable(TorchRuntime.OneDnnVariable);
        try
        {
            Environment.SetEnvironmentVariable(TorchRuntime.OneDnnVariable, "fast");
            var error = Assert.Throws<ArgumentException>(OneDnnGuard.Configure);
            Assert.Contains("ADVERSARIAL_ONEDNN='fast'", error.Message);
            Assert.Contains("auto", error.Message);
            Assert.Contains("off", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TorchRuntime.OneDnnVariable, before);
        }
    }
}
