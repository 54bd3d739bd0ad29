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
            .Select(DatasetRegistry.Find).ToArray();
        if (named.Length == 0 || named.Any(d => d is null))
            return null;
        var kinds = named.Select(d => d!).Distinct().ToArray();
        return new KnownInputs(kinds, modelGiven ? null : kinds.Min(d => d.ClassNames.Count));
    }

    /// <summary>The largest L2 distance between two images of these datasets: √(pixel values) of the largest.</summary>
    public double L2Diameter => Datasets.Max(d => Math.Sqrt((double)d.Shape.Channels * d.Shape.Height * d.Shape.Width));

    /// <summary>The dataset with the most pixel values.</summary>
    public DatasetDescriptor Largest => Datasets.MaxBy(d => d.Shape.Channels * d.Shape.Height * d.Shape.Width)!;
}
