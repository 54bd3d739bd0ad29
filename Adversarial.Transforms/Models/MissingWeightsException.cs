namespace MlNetAdversarial.Transforms.Models;

/// <summary>An architecture was asked for the weights it ships for a dataset, and it ships none for it.</summary>
public sealed class MissingWeightsException : InvalidOperationException
{
    /// <summary>The exception for <paramref name="architecture"/> on <paramref name="dataset"/> (null: no dataset named).</summary>
    public MissingWeightsException(string architecture, string? dataset, string shipped)
        : base($"No weights for '{architecture}' trained on {dataset ?? "this data"} are shipped (shipped: {shipped}); give a weights file.")
    {
        Architecture = architecture;
        Dataset = dataset;
    }

    /// <summary>The architecture's name.</summary>
    public string Architecture { get; }

    /// <summary>The dataset the weights were asked for, or null.</summary>
    public string? Dataset { get; }
}
