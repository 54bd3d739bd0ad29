using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Plots;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>Attacks the first images of the data once per grid row, for the sample grid.</summary>
public static class SampleGridBuilder
{
    /// <summary>Default number of images per row.</summary>
    public const int DefaultCount = 8;

    /// <summary>Images the grid picks from: the first ones of the data.</summary>
    public const int Candidates = 256;

    /// <summary>
    /// One row per (ε, attack) — a null attack is the clean row — and <paramref name="count"/> columns,
    /// titled "true → predicted". Like the FGSM tutorial's figure it shows images the last row fools
    /// (among the first <see cref="Candidates"/> the model gets right), topped up with others if too few.
    /// </summary>
    /// <param name="classifier">The model attacked.</param>
    /// <param name="data">Images and labels.</param>
    /// <param name="rows">The grid's rows.</param>
    /// <param name="count">Images per row.</param>
    /// <param name="scoredBy">For a transfer attack, the target whose predictions the titles show; null: <paramref name="classifier"/>'s.</param>
    public static SampleGrid Build(TorchImageClassifier classifier, IDataView data, IReadOnlyList<(double? Epsilon, IAttack? Attack)> rows,
        int count = DefaultCount, TorchImageClassifier? scoredBy = null)
    {
        var scorer = scoredBy ?? classifier;
        var shape = classifier.InputShape;
        var (pixels, labels, rowIndices) = Read(data, shape.Size, Candidates);
        int n = labels.Length;
        var predictions = new long[rows.Count][];
        var images = new float[rows.Count][];
        using (NewDisposeScope())
        {
            var clean = tensor(pixels, [n, shape.Channels, shape.Height, shape.Width], device: classifier.Device);
            var targets = tensor(labels, device: classifier.Device);
            for (int r = 0; r < rows.Count; r++)
            {
                using var perRow = NewDisposeScope();
                var adversarial = rows[r].Attack is { } attack
                    ? AttackRunner.Run(attack, classifier, clean, targets, rowIndices).Adversarial.contiguous()
                    : clean;
                using var inference = inference_mode();
                predictions[r] = AttackMath.ToLongs(scorer.LogProbabilities(adversarial).argmax(1));
                images[r] = MemoryMarshal.Cast<byte, float>(adversarial.cpu().bytes).ToArray();
            }
        }
        int last = rows.Count - 1;
        var chosen = Enumerable.Range(0, n)
            .OrderBy(i => predictions[0][i] == labels[i] && predictions[last][i] != labels[i] ? 0 : 1)
            .ThenBy(i => i)
            .Take(count)
            .ToArray();
        var gridRows = rows.Select((row, r) => new SampleRow(row.Epsilon ?? double.NaN, chosen.Select(i => new SampleCell(
            $"{classifier.ClassNames[(int)labels[i]]} → {classifier.ClassNames[(int)predictions[r][i]]}",
            images[r].AsSpan(i * shape.Size, shape.Size).ToArray())).ToArray())).ToArray();
        var norm = rows.Select(r => r.Attack).OfType<IAttack>().FirstOrDefault()?.Norm;
        return new SampleGrid(shape.Channels, shape.Height, shape.Width, gridRows, norm switch { PerturbationNorm.L2 => "L2", PerturbationNorm.Linf => "L-inf", _ => "" });
    }

    // Row ids, not positions: in a shard the first candidate is not row 0, and its random choices
    // must be the ones the attack made for it in the dataset.
    private static (float[] Pixels, long[] Labels, long[] RowIds) Read(IDataView data, int size, int count)
    {
        var pixels = new List<float>();
        var labels = new List<long>();
        var rowIds = new List<long>();
        using var cursor = data.GetRowCursor([data.Schema[AdversarialColumns.Image], data.Schema[AdversarialColumns.Label]]);
        var image = cursor.GetGetter<VBuffer<float>>(data.Schema[AdversarialColumns.Image]);
        var label = cursor.GetGetter<uint>(data.Schema[AdversarialColumns.Label]);
        var id = cursor.GetIdGetter();
        VBuffer<float> value = default;
        DataViewRowId rowId = default;
        uint key = 0;
        while (labels.Count < count && cursor.MoveNext())
        {
            image(ref value);
            label(ref key);
            if (value.Length != size || key == 0)
                throw new InvalidDataException($"Row {cursor.Position}: image of {value.Length} values (expected {size}) or missing label.");
            pixels.AddRange(value.DenseValues());
            labels.Add(key - 1);
            id(ref rowId);
            rowIds.Add((long)rowId.Low);
        }
        return (pixels.ToArray(), labels.ToArray(), rowIds.ToArray());
    }
}
