using System.Text.Json;
using Xunit.Sdk;

namespace MlNetAdversarial.Tests;

/// <summary>
/// One stage of an authors' fixture written by tools/autoattack_reference.py --version individual: per seed, the images the
/// stage fooled on its own. The yardstick is per image: ours is compared with each of their runs by the size of the
/// symmetric difference of the fooled sets, and must on average be as close to them as their runs are to each other.
/// </summary>
internal sealed record StageReference(string Attack, int[] Clean, IReadOnlyList<int[]> FooledBySeed, string Commit)
{
    /// <summary>The stage <paramref name="stage"/> of <paramref name="fixture"/> at its (single) ε.</summary>
    public static (StageReference Stage, double Epsilon, string Norm, string Model, int Images) Load(string fixture, int stage)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));
        var root = document.RootElement;
        var row = root.GetProperty("epsilons")[0];
        int images = root.GetProperty("images").GetInt32();
        var seeds = row.GetProperty("seeds").EnumerateArray().ToArray();
        int[] cleanCorrect = [.. root.GetProperty("cleanImages").EnumerateArray().Select(i => i.GetInt32())];
        var fooled = seeds.Select(seed =>
        {
            var robust = seed.GetProperty("stages")[stage].GetProperty("robustImages").EnumerateArray().Select(i => i.GetInt32()).ToHashSet();
            return cleanCorrect.Where(i => !robust.Contains(i)).ToArray();
        }).ToArray();
        string attack = seeds[0].GetProperty("stages")[stage].GetProperty("attack").GetString()!;
        return (new StageReference(attack, cleanCorrect, fooled, root.GetProperty("commit").GetString()!),
            row.GetProperty("epsilon").GetDouble(), root.GetProperty("norm").GetString()!, root.GetProperty("model").GetString()!, images);
    }

    /// <summary>How many stages <paramref name="fixture"/> holds.</summary>
    public static int Count(string fixture)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));
        return document.RootElement.GetProperty("epsilons")[0].GetProperty("seeds")[0].GetProperty("stages").GetArrayLength();
    }

    /// <summary>The largest symmetric difference between two of the authors' runs: the tolerance.</summary>
    public int Spread => FooledBySeed.SelectMany((a, i) => FooledBySeed.Skip(i + 1).Select(b => Distance(a, b))).DefaultIfEmpty(0).Max();

    /// <summary>The mean symmetric difference between <paramref name="ours"/> and each of the authors' runs.</summary>
    public double MeanDistance(IReadOnlyCollection<int> ours) => FooledBySeed.Average(theirs => Distance(theirs, ours));

    /// <summary>
    /// Fails unless <paramref name="ours"/> (the images our stage fooled) is, on average over their seeds, within their
    /// spread of the authors' runs; the message gives both counts and distances.
    /// </summary>
    public void AssertAgrees(IReadOnlyCollection<int> ours, string label)
    {
        double mean = MeanDistance(ours);
        string counts = string.Join("/", FooledBySeed.Select(f => f.Length));
        if (mean > Spread)
            throw new XunitException($"{label} {Attack}: ours fooled {ours.Count}, theirs {counts} (seeds); ours differs from theirs by {mean:0.0} images "
                + $"on average, more than their seeds differ from each other ({Spread}).");
    }

    private static int Distance(IEnumerable<int> a, IEnumerable<int> b)
    {
        var set = a.ToHashSet();
        set.SymmetricExceptWith(b);
        return set.Count;
    }
}
