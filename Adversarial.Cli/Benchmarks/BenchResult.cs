namespace MlNetAdversarial.Cli.Benchmarks;

/// <summary>Timings of one scenario, measured in its own process.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Description">What it measures.</param>
/// <param name="Runs">Wall seconds of each timed run (after one warm-up run).</param>
/// <param name="MedianSeconds">Median of <paramref name="Runs"/>.</param>
/// <param name="AttackedImages">Images attacked per run (images × ε for sweeps).</param>
/// <param name="ImagesPerSecond">AttackedImages / MedianSeconds.</param>
/// <param name="PeakRssMegabytes">Peak resident memory of the scenario's process.</param>
/// <param name="ParallelBatches">Batches computed at once, one torch thread each.</param>
public sealed record BenchResult(string Scenario, string Description, IReadOnlyList<double> Runs, double MedianSeconds,
    long AttackedImages, double ImagesPerSecond, double PeakRssMegabytes, int ParallelBatches);
