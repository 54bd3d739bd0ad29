using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Plots;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>Attacks the first few images at every ε for the sample grid (one gradient, as in the sweep).</summary>
public static class SampleGridBuilder
{
    /// <summary>Default number of images per row.</summary>
    public const int DefaultCount = 8;

    /// <summary>Images the grid picks from: the first ones of the data.</summary>
    public const int Candidates = 256;

    /// <summary>
    /// Rows = ε, columns = <paramref name="count"/> images, titled "true → predicted". Like the FGSM
    /// tutorial's figure it shows images the strongest ε fools (among the first <see cref="Candidates"/>
    /// that the model gets right when clean), topped up with others if there are too few.
    /// </summary>
    public static SampleGrid Build(TorchImageClassifier classifier, IDataView data, IReadOnlyList<double> epsilons, int count = DefaultCount)
    {
        var shape = classifier.InputShape;
        var (pixels, labels) = Read(data, shape.Size, Candidates);
        int n = labels.Length;
        var predictions = new long[epsilons.Count][];
        var images = new float[epsilons.Count][];
        {
            using var scope = NewDisposeScope();
            var clean = tensor(pixels, [n, shape.Channels, shape.Height, shape.Width]);
            var sign = FgsmAttack.GradientSign(classifier, clean, tensor(labels));
            using var inference = inference_mode();
            for (int e = 0; e < epsilons.Count; e++)
            {
                using var perEpsilon = NewDisposeScope();
                var adversarial = FgsmAttack.Perturb(clean, sign, epsilons[e]).contiguous();
                predictions[e] = MemoryMarshal.Cast<byte, long>(classifier.LogProbabilities(adversarial).argmax(1).bytes).ToArray();
                images[e] = MemoryMarshal.Cast<byte, float>(adversarial.bytes).ToArray();
            }
        }
        int strongest = Enumerable.Range(0, epsilons.Count).MaxBy(e => epsilons[e]);
        int cleanRow = Enumerable.Range(0, epsilons.Count).MinBy(e => epsilons[e]);
        var chosen = Enumerable.Range(0, n)
            .OrderBy(i => predictions[cleanRow][i] == labels[i] && predictions[strongest][i] != labels[i] ? 0 : 1)
            .ThenBy(i => i)
            .Take(count)
            .ToArray();
        var rows = epsilons.Select((epsilon, e) => new SampleRow(epsilon, chosen.Select(i => new SampleCell(
            $"{classifier.ClassNames[(int)labels[i]]} → {classifier.ClassNames[(int)predictions[e][i]]}",
            images[e].AsSpan(i * shape.Size, shape.Size).ToArray())).ToArray())).ToArray();
        return new SampleGrid(shape.Channels, shape.Height, shape.Width, rows);
    }

    private static (float[] Pixels, long[] Labels) Read(IDataView data, int size, int count)
    {
        var pixels = new List<float>();
        var labels = new List<long>();
        using var cursor = data.GetRowCursor([data.Schema["Image"], data.Schema["Label"]]);
        var image = cursor.GetGetter<VBuffer<float>>(data.Schema["Image"]);
        var label = cursor.GetGetter<uint>(data.Schema["Label"]);
        VBuffer<float> value = default;
        uint key = 0;
        while (labels.Count < count && cursor.MoveNext())
        {
            image(ref value);
            label(ref key);
            if (value.Length != size || key == 0)
                throw new InvalidDataException($"Row {cursor.Position}: image of {value.Length} values (expected {size}) or missing label.");
            pixels.AddRange(value.DenseValues());
            labels.Add(key - 1);
        }
        return (pixels.ToArray(), labels.ToArray());
    }
}
