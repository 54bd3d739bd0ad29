using MlNetAdversarial.Transforms;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>Shard i of n: a contiguous, deterministic block of rows [i·N/n, (i+1)·N/n).</summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>First row of this shard in a dataset of <paramref name="totalRows"/>.</summary>
    public long FirstRow(long totalRows) => totalRows * Index / Count;

    /// <summary>Rows in this shard.</summary>
    public long RowCount(long totalRows) => totalRows * (Index + 1) / Count - FirstRow(totalRows);

    /// <summary>Rows of <paramref name="data"/>: its row count, or a count of its labels where the view does not know it.</summary>
    public static long TotalRows(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.GetRowCount() ?? data.GetColumn<uint>(AdversarialColumns.Label).LongCount();
    }

    /// <summary>This shard's rows of <paramref name="data"/> (which holds <paramref name="totalRows"/>).</summary>
    /// <exception cref="ArgumentException">The shard is empty (more shards than rows).</exception>
    public IDataView Slice(MLContext ml, IDataView data, long totalRows)
    {
        ArgumentNullException.ThrowIfNull(ml);
        long first = FirstRow(totalRows), count = RowCount(totalRows);
        if (count == 0)
            throw new ArgumentException($"Shard {Index}/{Count} of {totalRows} rows is empty; use fewer shards.");
        // ML.NET's SkipRows refuses 0.
        return ml.Data.TakeRows(first == 0 ? data : ml.Data.SkipRows(data, first), count);
    }

    /// <summary>Parses "i/n" with 0 ≤ i &lt; n.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= 1 && index < count)
            return new Shard(index, count);
        throw new ArgumentException($"'{text}' is not a shard i/n with 0 <= i < n (e.g. 0/4).", nameof(text));
    }
}
