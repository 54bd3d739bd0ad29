using System.Globalization;
using Microsoft.ML;
using MlNetAdversarial.Pipelines.Statistics;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>Turns a shard's outcomes into a <see cref="PartialSweep"/>, and partial sweeps back into one result.</summary>
internal static class ShardMerger
{
    public static PartialSweep ToPartial(SweepOutcomes outcomes, SweepHeader header, Shard shard, long totalRows) => new(
        PartialSweep.KindName, header.Dataset, header.Model, header.ModelSha256, header.Seed, header.Attack, header.BatchSize,
        header.AttackParameters, header.Warnings, shard.Index, shard.Count, shard.FirstRow(totalRows), totalRows, header.ClassNames,
        outcomes.Epsilons, outcomes.PerEpsilon[0].Labels.ToArray(),
        outcomes.PerEpsilon.Select((columns, e) =>
        {
            var norms = outcomes.Norms[e]?.PerImage();
            return new PartialEpsilon(columns.Predictions.ToArray(), columns.Scores(), norms?.LInf, norms?.L2, norms?.L0);
        }).ToArray()) { MinimumCleanAccuracy = header.MinimumCleanAccuracy, SanityChecks = header.SanityChecks };

    /// <summary>The result one run over all the rows would have given.</summary>
    /// <exception cref="InvalidDataException">The parts are not the complete, consistent shards of one sweep.</exception>
    public static SweepResult Merge(MLContext ml, IReadOnlyList<PartialSweep> partials)
    {
        if (partials.Count == 0)
            throw new InvalidDataException("Give at least one partial result.");
        var ordered = partials.OrderBy(p => p.ShardIndex).ToArray();
        var first = ordered[0];
        for (int i = 0; i < ordered.Length; i++)
        {
            var part = ordered[i];
            if (part.Kind != PartialSweep.KindName)
                throw new InvalidDataException($"Part {i} is not a partial sweep (kind '{part.Kind}').");
            if (part.ShardIndex != i || part.ShardCount != ordered.Length)
                throw new InvalidDataException($"Shards must be 0..{part.ShardCount - 1} once each; got shard {part.ShardIndex}/{part.ShardCount} at position {i}.");
            var expected = Identity(first);
            var actual = Identity(part);
            var differences = actual.Keys.Union(expected.Keys)
                .Select(key => (Key: key, Here: actual.GetValueOrDefault(key, "none"), There: expected.GetValueOrDefault(key, "none")))
                .Where(f => f.Here != f.There)
                .Select(f => $"{f.Key} {f.Here} in shard {part.ShardIndex}, {f.There} in shard {first.ShardIndex}")
                .ToArray();
            if (differences.Length > 0)
                throw new InvalidDataException($"Shard {part.ShardIndex} comes from another sweep than shard {first.ShardIndex}: {string.Join("; ", differences)}.");
            long expectedFirst = new Shard(i, ordered.Length).FirstRow(first.TotalRows);
            if (part.FirstRow != expectedFirst)
                throw new InvalidDataException($"Shard {i} starts at row {part.FirstRow}; expected {expectedFirst}.");
        }
        var parts = ordered.Select(ToOutcomes).ToArray();
        using var outcomes = SweepOutcomes.Concatenate(parts);
        foreach (var part in parts)
            part.Dispose();
        if (outcomes.Count != first.TotalRows)
            throw new InvalidDataException($"The shards hold {outcomes.Count} rows; the sweep has {first.TotalRows}.");
        var header = new SweepHeader(first.Dataset, first.Model, first.ModelSha256, first.Seed, first.Attack, first.BatchSize,
            first.ClassNames, first.AttackParameters, first.Warnings) { MinimumCleanAccuracy = first.MinimumCleanAccuracy, SanityChecks = first.SanityChecks };
        return outcomes.Summarize(ml, header);
    }

    // What must be equal for shards to be parts of one sweep (the batch size may differ: results do not depend on it).
    private static Dictionary<string, string> Identity(PartialSweep part)
    {
        var fields = new Dictionary<string, string>
        {
            ["dataset"] = $"'{part.Dataset}'",
            ["model SHA-256"] = part.ModelSha256,
            ["seed"] = part.Seed.ToString(CultureInfo.InvariantCulture),
            ["attack"] = $"'{part.Attack}'",
            ["row count"] = part.TotalRows.ToString(CultureInfo.InvariantCulture),
            ["epsilons"] = string.Join(", ", part.Epsilons.Select(e => e?.ToString("R", CultureInfo.InvariantCulture) ?? "none")),
            ["class names"] = string.Join(", ", part.ClassNames),
        };
        foreach (var (name, value) in part.AttackParameters ?? new Dictionary<string, string>())
            fields[$"attack parameter {name}"] = value;
        return fields;
    }

    private static SweepOutcomes ToOutcomes(PartialSweep part)
    {
        int classes = part.ClassNames.Count;
        var columns = part.PerEpsilon.Select(e =>
        {
            var scored = new ScoredColumns(classes);
            var scores = e.Scores.ToArray();
            for (int i = 0; i < part.Labels.Count; i++)
                scored.Add(part.Labels[i], scores.AsSpan(i * classes, classes), e.Predicted[i]);
            return scored;
        }).ToArray();
        var norms = part.PerEpsilon.Select(e =>
        {
            if (e.L2 is null || e.LInf is null || e.L0 is null)
                return null;
            var accumulator = new PerturbationNormAccumulator();
            for (int i = 0; i < e.L2.Count; i++)
                accumulator.AddNorms(e.LInf[i], e.L2[i], e.L0[i]);
            return accumulator;
        }).ToArray();
        return new SweepOutcomes(part.Epsilons, columns, norms);
    }
}
