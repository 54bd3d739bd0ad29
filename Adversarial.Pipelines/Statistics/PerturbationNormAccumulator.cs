namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>
/// Collects per-image perturbation sizes (L∞, L2, L0) and summarizes them. The per-image values are
/// kept (three doubles an image) so that partial results of shards can be merged exactly.
/// </summary>
public sealed class PerturbationNormAccumulator
{
    private readonly List<double> _lInf = [];
    private readonly List<double> _l2 = [];
    private readonly List<double> _l0 = [];

    /// <summary>Per-image L∞ norms, in the order added.</summary>
    public IReadOnlyList<double> LInf => _lInf;

    /// <summary>Per-image L2 norms, in the order added.</summary>
    public IReadOnlyList<double> L2 => _l2;

    /// <summary>Per-image counts of changed values, in the order added.</summary>
    public IReadOnlyList<double> L0 => _l0;

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
        AddNorms(lInf, Math.Sqrt(squares), changed);
    }

    /// <summary>Adds one image's norms as already measured (merging shards).</summary>
    public void AddNorms(double lInf, double l2, double l0)
    {
        _lInf.Add(lInf);
        _l2.Add(l2);
        _l0.Add(l0);
    }

    /// <summary>The summary so far, or null before the first image.</summary>
    public PerturbationNorms? Summary => _l2.Count == 0
        ? null
        : new PerturbationNorms(_lInf.Average(), _lInf.Max(), _l2.Average(), _l2.Max(), _l0.Average(), _l0.Max(), Quartiles());

    private double[] Quartiles()
    {
        var sorted = _l2.Order().ToArray();
        double[] quantiles = [0.25, 0.5, 0.75];
        return quantiles.Select(q => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)]).ToArray();
    }
}
