using Microsoft.ML;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms.Torch;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Everything a sweep measured per image: for each ε the labels, predictions and scores (and, for
/// attacks measured image by image, perturbation norms). Summaries are computed from it alone, so a
/// sweep split into shards and merged gives exactly the numbers of one run.
/// </summary>
internal sealed class SweepOutcomes(IReadOnlyList<double?> epsilons, ScoredColumns[] perEpsilon, PerturbationNormAccumulator?[] norms)
    : IDisposable
{
    public IReadOnlyList<double?> Epsilons { get; } = epsilons;

    public ScoredColumns[] PerEpsilon { get; } = perEpsilon;

    public PerturbationNormAccumulator?[] Norms { get; } = norms;

    /// <summary>Per ε, the queries each image took (score- and decision-based attacks), else null.</summary>
    public List<long>?[] Queries { get; init; } = new List<long>?[epsilons.Count];

    public int Count => PerEpsilon[0].Count;

    /// <summary>The per-ε results; row 0 is the clean baseline every other row is compared with.</summary>
    public SweepResult Summarize(MLContext ml, SweepHeader header)
    {
        if (Count == 0)
            throw new InvalidOperationException("The dataset has no rows to attack.");
        var rows = Epsilons.Select((epsilon, e) =>
            EpsilonSummary.Summarize(ml, epsilon, PerEpsilon[e], PerEpsilon[0], header.ClassNames, Norms[e]?.Summary, Queries[e])).ToArray();
        var warnings = (header.Warnings ?? []).Concat(ChanceLevelCheck.Warnings(rows[0], header.ClassNames.Count, header.MinimumCleanAccuracy)).ToArray();
        return new SweepResult(header.Dataset, header.Model, header.ModelSha256, header.Seed, header.Attack, header.BatchSize,
            TorchRuntime.ParallelBatches, rows, header.AttackParameters, warnings, header.Device, header.InputAdapter)
        {
            CraftedOn = header.CraftedOn,
            SanityChecks = header.SanityChecks,
        };
    }

    /// <summary>Deletes the spilled scores.</summary>
    public void Dispose()
    {
        foreach (var columns in PerEpsilon)
            columns.Dispose();
        foreach (var norms in Norms)
            norms?.Dispose();
    }

    /// <summary>Outcomes of consecutive slices of the data, in order, as one.</summary>
    public static SweepOutcomes Concatenate(IReadOnlyList<SweepOutcomes> parts)
    {
        var first = parts[0];
        int classes = first.PerEpsilon[0].ClassCount;
        var perEpsilon = first.Epsilons.Select(_ => new ScoredColumns(classes)).ToArray();
        var norms = first.Norms.Select(n => n is null ? null : new PerturbationNormAccumulator()).ToArray();
        var queries = first.Queries.Select(q => q is null ? null : new List<long>()).ToArray();
        foreach (var part in parts)
        {
            if (!part.Epsilons.SequenceEqual(first.Epsilons) || part.PerEpsilon[0].ClassCount != classes)
                throw new InvalidDataException("Partial results disagree on the epsilons or the classes; they are not parts of one sweep.");
            for (int e = 0; e < perEpsilon.Length; e++)
            {
                var source = part.PerEpsilon[e];
                float[] scores = source.Scores();
                for (int i = 0; i < source.Count; i++)
                    perEpsilon[e].Add(source.Labels[i], scores.AsSpan(i * classes, classes), source.Predictions[i]);
                if (queries[e] is { } counts)
                    counts.AddRange(part.Queries[e] ?? throw new InvalidDataException("A partial result lacks the query counts the others have."));
                if (norms[e] is { } target && part.Norms[e] is { } partial)
                {
                    var (lInf, l2, l0) = partial.PerImage();
                    for (int i = 0; i < l2.Length; i++)
                        target.AddNorms(lInf[i], l2[i], l0[i]);
                }
            }
        }
        return new SweepOutcomes(first.Epsilons, perEpsilon, norms) { Queries = queries };
    }
}
