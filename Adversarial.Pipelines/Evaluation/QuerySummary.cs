namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>The model queries a score- or decision-based attack took per image at one budget.</summary>
/// <param name="Mean">Mean queries per image.</param>
/// <param name="Median">Median queries per image.</param>
/// <param name="Max">The most any image took.</param>
/// <param name="Total">All queries.</param>
/// <param name="MedianWhenFooled">Median over the images the attack fooled (how much a success costs); null when none was.</param>
public sealed record QuerySummary(double Mean, double Median, long Max, long Total, double? MedianWhenFooled)
{
    /// <summary>The summary of per-image counts, with whether each image ended fooled; null when there are none.</summary>
    public static QuerySummary? Of(IReadOnlyList<long> perImage, IReadOnlyList<bool> fooled)
    {
        ArgumentNullException.ThrowIfNull(perImage);
        ArgumentNullException.ThrowIfNull(fooled);
        if (perImage.Count == 0)
            return null;
        var fooledCounts = perImage.Where((_, i) => fooled[i]).ToArray();
        return new QuerySummary(perImage.Average(), MedianOf(perImage), perImage.Max(), perImage.Sum(),
            fooledCounts.Length == 0 ? null : MedianOf(fooledCounts));
    }

    private static double MedianOf(IReadOnlyList<long> values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
