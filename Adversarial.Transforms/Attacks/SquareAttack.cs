using System.Runtime.InteropServices;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Square Attack, a score-based black-box attack.
/// Paper: Andriushchenko, Croce, Flammarion and Hein, "Square Attack: a query-efficient black-box
/// adversarial attack via random search", ECCV 2020. Norm: L∞. Defaults: <see cref="SquareAttackOptions"/>.
/// Input range: [0, 1]. It sees the model only through <see cref="IScoreOracle"/>: starting from vertical
/// ±ε stripes, each step sets a random square (per channel ±ε) and keeps it if the margin drops.
/// Queries are counted per image.
/// </summary>
public sealed class SquareAttack(SquareAttackOptions options, AttackSettings? settings = null) : IAttack
{
    private static readonly (int Until, int Divisor)[] Schedule =
        [(10, 1), (50, 2), (200, 4), (500, 8), (1000, 16), (2000, 32), (4000, 64), (6000, 128), (8000, 256)];

    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<SquareAttack, SquareAttackOptions>("square",
        "Square Attack (Andriushchenko et al., 2020), L∞, score-based black box", PerturbationNorm.Linf, AttackBudgetKind.Bounded, isWhiteBox: false, (o, s) => new SquareAttack(o, s), a => a.Options);

    /// <inheritdoc />
    public string Name => Descriptor.Name;

    /// <inheritdoc />
    public PerturbationNorm Norm => PerturbationNorm.Linf;

    /// <inheritdoc />
    public double? Budget => Options.Epsilon;

    /// <inheritdoc />
    public bool IsWhiteBox => false;

    /// <summary>The attack's options.</summary>
    public SquareAttackOptions Options { get; } = options.Validated();

    /// <inheritdoc />
    public AttackSettings Settings { get; } = settings ?? AttackSettings.Default;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["epsilon"] = Invariant($"{Options.Epsilon:0.####}"), ["queries"] = Invariant($"{Options.Queries}"), ["initialFraction"] = Invariant($"{Options.InitialFraction}"),
    };

    /// <inheritdoc />
    public IAttack WithBudget(double budget) => new SquareAttack(Options with { Epsilon = budget }, Settings);

    /// <inheritdoc />
    public AttackResult Run(AttackBatch batch)
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
        float[] best = (float[])clean.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int x = 0; x < width; x++)
                {
                    float stripe = random[i].Next(2) == 0 ? -eps : eps;
                    for (int y = 0; y < height; y++)
                        Set(best, clean, i * size + (c * height + y) * width + x, stripe);
                }
            }
        }
        int[] all = Enumerable.Range(0, n).ToArray();
        float[] margins = Margins(oracle, batch, best, all, size, queries);
        for (int iteration = 1; iteration < Options.Queries; iteration++)
        {
            int[] active = all.Where(i => margins[i] >= 0).ToArray();
            if (active.Length == 0)
                break;
            int side = Math.Clamp((int)Math.Round(Math.Sqrt(Fraction(iteration) * height * width)), 1, Math.Min(height, width) - 1);
            var candidates = new float[active.Length * size];
            for (int a = 0; a < active.Length; a++)
            {
                int i = active[a];
                best.AsSpan(i * size, size).CopyTo(candidates.AsSpan(a * size, size));
                int top = random[i].Next(height - side + 1), left = random[i].Next(width - side + 1);
                for (int c = 0; c < channels; c++)
                {
                    float sign = random[i].Next(2) == 0 ? -eps : eps;
                    for (int y = top; y < top + side; y++)
                        for (int x = left; x < left + side; x++)
                            Set(candidates, clean, (c * height + y) * width + x, sign, a * size, i * size);
                }
            }
            float[] candidateMargins = Margins(oracle, batch, candidates, active, size, queries, packed: true);
            for (int a = 0; a < active.Length; a++)
            {
                int i = active[a];
                if (candidateMargins[a] < margins[i])
                {
                    margins[i] = candidateMargins[a];
                    candidates.AsSpan(a * size, size).CopyTo(best.AsSpan(i * size, size));
                }
            }
        }
        return new AttackResult(tensor(best, shape, device: batch.Images.device).MoveToOuterDisposeScope(), queries);
    }

    private double Fraction(int iteration)
    {
        int scaled = (int)((long)iteration * 10000 / Options.Queries);
        int divisor = Schedule.FirstOrDefault(s => scaled <= s.Until, (Until: int.MaxValue, Divisor: 512)).Divisor;
        return Options.InitialFraction / divisor;
    }

    private static void Set(float[] target, float[] clean, int offset, float delta, int targetBase = 0, int cleanBase = -1) =>
        target[targetBase + offset] = Math.Clamp(clean[(cleanBase < 0 ? 0 : cleanBase) + offset] + delta, 0f, 1f);

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
