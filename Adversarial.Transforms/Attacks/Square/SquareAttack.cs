using MlNetAdversarial.Transforms.Models;
using System.Runtime.InteropServices;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Square Attack, a score-based black-box attack, as the authors' square.py (fra31/auto-attack) runs it.
/// Paper: Andriushchenko, Croce, Flammarion and Hein, "Square Attack: a query-efficient black-box
/// adversarial attack via random search", ECCV 2020. Norm: L∞ or L2. Defaults: <see cref="SquareAttackOptions"/>.
/// Input range: [0, 1]. It sees the model only through <see cref="IScoreOracle"/>: L∞ starts from vertical ±ε stripes and
/// each step sets a random square to ±ε per channel; L2 is <see cref="SquareL2Proposals"/>. A proposal is kept when it
/// lowers the margin (true class minus best other) or misclassifies. Queries are counted per image.
/// </summary>
public sealed class SquareAttack(SquareAttackOptions options, AttackSettings? settings = null) : Attack<SquareAttackOptions>(Descriptor, options.Validated(), settings)
{
    private static readonly (int Until, int Divisor)[] Schedule =
        [(10, 1), (50, 2), (200, 4), (500, 8), (1000, 16), (2000, 32), (4000, 64), (6000, 128), (8000, 256)];

    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<SquareAttack, SquareAttackOptions>("square",
        "Square Attack (Andriushchenko et al., 2020), L∞ or L2, score-based black box", PerturbationNorm.Linf, isWhiteBox: false, (o, s) => new SquareAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["norm"] = Norm.ToString();
        parameters["queries"] = Invariant($"{Options.Queries}");
        parameters["initialFraction"] = Invariant($"{Options.InitialFraction}");
        parameters["rescaleSchedule"] = Options.RescaleSchedule ? "true" : "false";
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        var oracle = new ClassifierScoreOracle(batch.Classifier);
        var shape = batch.Images.shape;
        int n = (int)shape[0], channels = (int)shape[1], height = (int)shape[2], width = (int)shape[3], size = channels * height * width;
        float eps = (float)Options.Epsilon;
        float[] clean = MemoryMarshal.Cast<byte, float>(batch.Images.cpu().contiguous().bytes).ToArray();
        var queries = new long[n];
        if (Options.Queries == 0 || eps == 0)
            return new AttackResult(batch.Images.clone().MoveToOuterDisposeScope(), queries);
        var random = batch.RowIndices.Select(row => PerImageRandom.For(Settings.Seed, row, stream: 200)).ToArray();
        float[] best = new float[clean.Length];
        for (int i = 0; i < n; i++)
        {
            if (Norm == PerturbationNorm.L2)
                SquareL2Proposals.Initial(clean.AsSpan(i * size, size), best.AsSpan(i * size, size), channels, height, width, eps, random[i]);
            else
                LinfStripes(clean, best, i * size, channels, height, width, eps, random[i]);
        }
        int[] all = Enumerable.Range(0, n).ToArray();
        float[] margins = Margins(oracle, batch, best, all, size, queries);
        for (int iteration = 0; iteration < Options.Queries; iteration++)
        {
            int[] active = all.Where(i => margins[i] > 0).ToArray();
            if (active.Length == 0)
                break;
            double fraction = Fraction(iteration);
            var candidates = new float[active.Length * size];
            for (int a = 0; a < active.Length; a++)
            {
                int i = active[a];
                var image = clean.AsSpan(i * size, size);
                var candidate = candidates.AsSpan(a * size, size);
                if (Norm == PerturbationNorm.L2)
                    SquareL2Proposals.Propose(image, best.AsSpan(i * size, size), candidate, channels, height, width, eps, fraction, random[i]);
                else
                    LinfSquare(image, best.AsSpan(i * size, size), candidate, channels, height, width, eps, fraction, random[i]);
            }
            float[] candidateMargins = Margins(oracle, batch, candidates, active, size, queries, packed: true);
            for (int a = 0; a < active.Length; a++)
            {
                int i = active[a];
                if (candidateMargins[a] < margins[i] || candidateMargins[a] <= 0)
                {
                    margins[i] = candidateMargins[a];
                    candidates.AsSpan(a * size, size).CopyTo(best.AsSpan(i * size, size));
                }
            }
        }
        return new AttackResult(tensor(best, shape, device: batch.Images.device).MoveToOuterDisposeScope(), queries);
    }

    /// <summary>square.py's p_selection: p halves at its iteration marks, counted for 10,000 iterations or rescaled to <see cref="SquareAttackOptions.Queries"/>.</summary>
    internal double Fraction(int iteration)
    {
        int scaled = Options.RescaleSchedule ? (int)((double)iteration / Options.Queries * 10000) : iteration;
        int divisor = Schedule.FirstOrDefault(s => scaled <= s.Until, (Until: int.MaxValue, Divisor: 512)).Divisor;
        return Options.InitialFraction / divisor;
    }

    /// <summary>square.py's random_int(0, n − side), for both norms: never the last position (n − side) unless it is the only one.</summary>
    internal static int Position(int extent, int side, Random random) => extent - side > 0 ? random.Next(extent - side) : 0;

    private static void LinfStripes(float[] clean, float[] best, int start, int channels, int height, int width, float eps, Random random)
    {
        for (int c = 0; c < channels; c++)
        {
            for (int x = 0; x < width; x++)
            {
                float stripe = random.Next(2) == 0 ? -eps : eps;
                for (int y = 0; y < height; y++)
                {
                    int p = start + (c * height + y) * width + x;
                    best[p] = Math.Clamp(clean[p] + stripe, 0f, 1f);
                }
            }
        }
    }

    private static void LinfSquare(ReadOnlySpan<float> clean, ReadOnlySpan<float> best, Span<float> candidate, int channels, int height, int width,
        float eps, double fraction, Random random)
    {
        best.CopyTo(candidate);
        int side = Math.Min(Math.Max((int)Math.Round(Math.Sqrt(fraction * (channels * height * width) / channels)), 1), Math.Min(height, width));
        int top = Position(height, side, random), left = Position(width, side, random);
        for (int c = 0; c < channels; c++)
        {
            // x_best ± 2ε projected onto the ε-ball and [0, 1] is clean ± ε, clipped.
            float sign = random.Next(2) == 0 ? -eps : eps;
            for (int y = top; y < top + side; y++)
            {
                for (int x = left; x < left + side; x++)
                {
                    int p = (c * height + y) * width + x;
                    candidate[p] = Math.Clamp(clean[p] + sign, 0f, 1f);
                }
            }
        }
    }

    private static float[] Margins(IScoreOracle oracle, AttackBatch batch, float[] images, int[] rows, int size, long[] queries, bool packed = false)
    {
        using var scope = NewDisposeScope();
        var shape = batch.Images.shape;
        var pixels = packed ? images : rows.SelectMany(i => images.AsSpan(i * size, size).ToArray()).ToArray();
        var index = tensor(rows.Select(i => (long)i).ToArray(), device: batch.Images.device);
        var scores = oracle.Scores(tensor(pixels, [rows.Length, shape[1], shape[2], shape[3]], device: batch.Images.device));
        var margin = AttackMath.Margin(scores, batch.Labels.index_select(0, index), batch.Targets?.index_select(0, index));
        foreach (int i in rows)
            queries[i]++;
        return MemoryMarshal.Cast<byte, float>(margin.cpu().contiguous().bytes).ToArray();
    }
}
