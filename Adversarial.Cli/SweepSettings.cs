using System.CommandLine;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Cli;

/// <summary>The sweep options that apply to every dataset of a run.</summary>
internal sealed record SweepSettings(string? EpsilonText, int? Limit, string? DataDir, int? BatchSize, int Seed, Device Device)
{
    public int? Limit { get; } = Limit is < 1 ? throw new ArgumentException($"--limit: {Limit} must be at least 1.") : Limit;

    /// <summary>Below this clean accuracy the result warns that the model may not work on the data.</summary>
    public double MinimumCleanAccuracy { get; init; } = ChanceLevelCheck.DefaultMinimumCleanAccuracy;

    /// <summary>Whether the sanity checks run, and where their outcome is cached.</summary>
    public SanityCheckOptions SanityChecks { get; init; } = SanityCheckOptions.Default;

    /// <summary>The option that sets <see cref="MinimumCleanAccuracy"/>.</summary>
    public static Option<double?> MinimumCleanAccuracyOption() => CliOption.Number("--min-clean-accuracy",
        "Warn when clean accuracy is below this share (default 0.5; 0: only when it is not above chance, which always warns).", 0, 1);

    /// <summary>The batch size for an architecture: the one asked for, else its measured best on the device.</summary>
    public int BatchFor(ArchitectureDescriptor architecture) => BatchSize ?? architecture.BatchSizeFor(Device);
}
