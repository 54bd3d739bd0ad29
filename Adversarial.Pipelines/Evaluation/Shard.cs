using System.Globalization;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>Shard i of n: a contiguous, deterministic block of rows [i·N/n, (i+1)·N/n).</summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>First row of this shard in a dataset of <paramref name="totalRows"/>.</summary>
    public long FirstRow(long totalRows) => totalRows * Index / Count;

    /// <summary>Rows in this shard.</summary>
    public long RowCount(long totalRows) => totalRows * (Index + 1) / Count - FirstRow(totalRows);

    /// <summary>Parses "i/n" with 0 ≤ i &lt; n.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= 1 && index < count)
            return new Shard(index, count);
        throw new ArgumentException($"--shard: '{text}' is not i/n with 0 <= i < n (e.g. 0/4).");
    }
}
