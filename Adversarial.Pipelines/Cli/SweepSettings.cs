namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>The sweep options that apply to every dataset of a run.</summary>
internal sealed record SweepSettings(string? EpsilonText, int? Limit, string? DataDir, int? BatchSize, int Seed)
{
    public int? Limit { get; } = Limit is < 1 ? throw new ArgumentException($"--limit: {Limit} must be at least 1.") : Limit;

    /// <summary>The batch size for a model: the one asked for, else the model's measured best.</summary>
    public int BatchFor(ModelKind model) => BatchSize ?? model.BatchSize;
}
