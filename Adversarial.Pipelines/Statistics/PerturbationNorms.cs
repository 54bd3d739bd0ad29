namespace MlNetAdversarial.Pipelines.Statistics;

/// <summary>Per-image perturbation sizes, summarized over a dataset (mean and max of each norm).</summary>
/// <param name="LInfMean">Mean of max |x' − x|.</param>
/// <param name="LInfMax">Largest max |x' − x|.</param>
/// <param name="L2Mean">Mean of ‖x' − x‖₂.</param>
/// <param name="L2Max">Largest ‖x' − x‖₂.</param>
/// <param name="L0Mean">Mean number of changed values.</param>
/// <param name="L0Max">Largest number of changed values.</param>
/// <param name="L2Quartiles">25th, 50th and 75th percentile of ‖x' − x‖₂ (nearest rank).</param>
public sealed record PerturbationNorms(double LInfMean, double LInfMax, double L2Mean, double L2Max, double L0Mean, double L0Max,
    IReadOnlyList<double> L2Quartiles);
