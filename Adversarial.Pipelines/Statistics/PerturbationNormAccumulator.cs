using MlNetAdversarial.Pipelines.Evaluation;

namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>
/// Collects per-image perturbation sizes (L∞, L2, L0) and summarizes them. The per-image values are
/// kept, so that partial results of shards merge exactly, but in a temporary file (as the class scores
/// are), so a sweep's memory stays flat in the size of the dataset.
/// </summary>
public sealed class PerturbationNormAccumulator : IDisposable
{
    private readonly SpilledFloatRows _rows = new(3);

    /// <summary>Images added so far.</summary>
    public int Count => _rows.Count;

    /// <summary>Per-image L∞ norms, L2 norms and counts of changed values, in the order added (one read of the file).</summary>
    public (double[] LInf, double[] L2, double[] L0) PerImage()
    {
        float[] values = _rows.ToArray();
        var columns = (LInf: new double[Count], L2: new double[Count], L0: new double[Count]);
        for (int i = 0; i < Count; i++)
            (columns.LInf[i], columns.L2[i], columns.L0[i]) = (values[3 * i], values[3 * i + 1], values[3 * i + 2]);
        return columns;
    }

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

    /// <summary>Adds one image's norms as already measured (by the sweep transform, or merging shards).</summary>
    public void AddNorms(double lInf, double l2, double l0) => _rows.Append([(float)lInf, (float)l2, (float)l0]);

    /// <summary>The summary so far, or null before the first image.</summary>
    public PerturbationNorms? Summary
    {
        get
        {
            if (Count == 0)
                return null;
            float[] values = _rows.ToArray();
            double lInfSum = 0, lInfMax = 0, l2Sum = 0, l2Max = 0, l0Sum = 0, l0Max = 0;
            var l2 = new float[Count];
            for (int i = 0; i < Count; i++)
            {
                float lInf = values[3 * i], length = values[3 * i + 1], changed = values[3 * i + 2];
                (lInfSum, lInfMax) = (lInfSum + lInf, Math.Max(lInfMax, lInf));
                (l2Sum, l2Max) = (l2Sum + length, Math.Max(l2Max, length));
                (l0Sum, l0Max) = (l0Sum + changed, Math.Max(l0Max, changed));
                l2[i] = length;
            }
            Array.Sort(l2);
            double[] quartiles = [0.25, 0.5, 0.75];
            return new PerturbationNorms(lInfSum / Count, lInfMax, l2Sum / Count, l2Max, l0Sum / Count, l0Max,
                quartiles.Select(q => (double)l2[Math.Clamp((int)Math.Ceiling(q * Count) - 1, 0, Count - 1)]).ToArray());
        }
    }

    /// <summary>Deletes the temporary file.</summary>
    public void Dispose() => _rows.Dispose();
}
