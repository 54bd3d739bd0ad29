using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Cli;

/// <summary>The sweep options that apply to every dataset of a run.</summary>
internal sealed record SweepSettings(string? EpsilonText, int? Limit, string? DataDir, int? BatchSize, int Seed, Device Device)
{
    public int? Limit { get; } = Limit is < 1 ? throw new ArgumentException($"--limit: {Limit} must be at least 1.") : Limit;

    /// <summary>The batch size for an architecture: the one asked for, else its measured best on the device.</summary>
    public int BatchFor(ArchitectureDescriptor architecture) => BatchSize ?? architecture.BatchSizeFor(Device);
}
