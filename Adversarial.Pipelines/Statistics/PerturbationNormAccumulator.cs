namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>Adds up <see cref="PerturbationNorms"/> one image at a time (memory does not grow).</summary>
public sealed class PerturbationNormAccumulator
{
    private readonly List<double> _l2 = [];
    private long _count;
    private double _lInfSum, _lInfMax, _l2Sum, _l2Max, _l0Sum, _l0Max;

    /// <summary>Adds one image pair.</summary>
    public void Add(ReadOnlySpan<float> clean, ReadOnlySpan<float> adversarial)
    {
        if (clean.Length != adversarial.Length)
            throw new ArgumentException($"Images differ in size: {clean.Length} and {adversarial.Length} values.");
        double lInf = 0, squares = 0;
        long changed = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            double delta = Math.Abs((double)adversarial[i] - clean[i]);
            lInf = Math.Max(lInf, delta);
            squares += delta * delta;
            changed += delta > 0 ? 1 : 0;
        }
        double l2 = Math.Sqrt(squares);
        _l2.Add(l2);
        _count++;
        (_lInfSum, _lInfMax) = (_lInfSum + lInf, Math.Max(_lInfMax, lInf));
        (_l2Sum, _l2Max) = (_l2Sum + l2, Math.Max(_l2Max, l2));
        (_l0Sum, _l0Max) = (_l0Sum + changed, Math.Max(_l0Max, changed));
    }

    /// <summary>The summary so far, or null before the first image.</summary>
    public PerturbationNorms? Summary => _count == 0
        ? null
        : new PerturbationNorms(_lInfSum / _count, _lInfMax, _l2Sum / _count, _l2Max, _l0Sum / _count, _l0Max, Quartiles());

    private double[] Quartiles()
    {
        var sorted = _l2.Order().ToArray();
        double[] quantiles = [0.25, 0.5, 0.75];
        return quantiles.Select(q => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)]).ToArray();
    }
}
