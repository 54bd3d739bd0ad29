using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Cli;

/// <summary>
/// What the command line already says about the images and the model before anything is loaded: the built-in datasets
/// named (none for an image folder) and, when the shipped weights score them, the class count.
/// </summary>
internal sealed record KnownInputs(IReadOnlyList<DatasetDescriptor> Datasets, int? Classes)
{
    /// <summary>The inputs of --dataset (default mnist) unless --images replaces it; null when they are not known yet.</summary>
    public static KnownInputs? From(string? datasets, string? images, bool modelGiven)
    {
        if (images is not null)
            return null;
        var named = (datasets ?? DatasetRegistry.Mnist.Name).Split(',', StringSplitOptions.TrimEntries)
            .Select(DatasetRegistry.All.Find).ToArray();
        if (named.Length == 0 || named.Any(d => d is null))
            return null;
        var kinds = named.Select(d => d!).Distinct().ToArray();
        return new KnownInputs(kinds, modelGiven ? null : kinds.Min(d => d.ClassNames.Count));
    }

    /// <summary>
    /// The L2 distance past which a budget allows any image of every dataset named: √(pixel values) of the smallest, since one
    /// ε list serves them all.
    /// </summary>
    public double L2Diameter => Math.Sqrt(PixelValues(Smallest));

    /// <summary>The dataset with the fewest pixel values.</summary>
    public DatasetDescriptor Smallest => Datasets.MinBy(PixelValues)!;

    private static double PixelValues(DatasetDescriptor dataset) => (double)dataset.Shape.Channels * dataset.Shape.Height * dataset.Shape.Width;
}
