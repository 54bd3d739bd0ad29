using MlNetAdversarial.Pipelines.Export;

namespace MlNetAdversarial.Tests.Pipelines;

public sealed class PixelQuantizerTests
{
    [Fact]
    public void EightBitImagesComeBackUnchangedAtEpsilonZero()
    {
        float[] clean = Enumerable.Range(0, 256).Select(v => v / 255f).ToArray();
        var bytes = new byte[256];
        PixelQuantizer.Quantize(clean, clean, 0, bytes);
        Assert.Equal(Enumerable.Range(0, 256).Select(v => (byte)v), bytes);
    }

    [Fact]
    public void RoundingNeverLeavesTheEpsilonBall()
    {
        var random = new Random(3);
        float[] clean = Enumerable.Range(0, 4096).Select(_ => random.Next(256) / 255f).ToArray();
        foreach (double epsilon in new[] { 0.1, 0.3, 8 / 255.0, 0.05 })
        {
            float[] attacked = clean.Select(x => (float)Math.Clamp(x + (random.Next(2) == 0 ? -epsilon : epsilon), 0, 1)).ToArray();
            var bytes = new byte[clean.Length];
            PixelQuantizer.Quantize(clean, attacked, epsilon, bytes);
            for (int i = 0; i < clean.Length; i++)
            {
                Assert.InRange(Math.Abs(bytes[i] / 255.0 - clean[i]), 0, epsilon + 1e-6);
                Assert.InRange(Math.Abs(bytes[i] / 255.0 - attacked[i]), 0, 1 / 255.0 + 1e-6);
            }
        }
    }
}
