using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>A user's own TorchSharp module, plugged in through the public wrapper (the README's example).</summary>
public sealed class CustomModuleTests
{
    private sealed class TinyNet : Module<Tensor, Tensor>
    {
        private readonly Linear linear = Linear(784, 10);

        public TinyNet() : base(nameof(TinyNet)) => RegisterComponents();

        public override Tensor forward(Tensor input) => linear.call(input.flatten(1));
    }

    [Fact]
    public void AUsersModuleWithNormalizationInsideTheWrapperRunsThePipeline()
    {
        manual_seed(0);
        string[] digits = Enumerable.Range(0, 10).Select(d => $"{d}").ToArray();
        using var model = new TorchImageClassifier(new TinyNet(), new ImageShape(1, 28, 28), digits, ClassifierOutput.Logits, "tiny", mean: [0.1307f], std: [0.3081f]);
        var ml = new MLContext(0);
        var data = ml.Data.TakeRows(TestData.MnistTest(), 64);
        var attacked = ml.Transforms.FgsmAttack("Adversarial", model, new() { Epsilon = 0.1 }, imageColumnName: "Image")
            .Append(ml.Transforms.ScoreImages(model, "Adversarial"))
            .Fit(data).Transform(data);
        var clean = attacked.GetColumn<float[]>("Image").ToArray();
        var adversarial = attacked.GetColumn<float[]>("Adversarial").ToArray();
        for (int i = 0; i < clean.Length; i++)
            Assert.All(clean[i].Zip(adversarial[i]), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 0.1 + 1e-6));
        Assert.Equal(64, ml.Data.CreateEnumerable<Scored>(attacked, false).Count(s => s.Score.Length == 10));
    }

    private sealed class Scored
    {
        public float[] Score { get; set; } = [];
    }
}
