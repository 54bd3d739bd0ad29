namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>A sweep of one model over one dataset under one attack.</summary>
/// <param name="Dataset">Dataset name, e.g. "mnist".</param>
/// <param name="Model">Model name.</param>
/// <param name="ModelSha256">SHA-256 of the weights file.</param>
/// <param name="Seed">Seed of every random choice of the run.</param>
/// <param name="Attack">Attack name.</param>
/// <param name="BatchSize">Rows per torch call.</param>
/// <param name="ParallelBatches">Batches computed at once on the CPU, each on one torch thread.</param>
/// <param name="Epsilons">One result per ε, in the order given.</param>
/// <param name="AttackParameters">The attack's parameters (other than ε), for reports.</param>
/// <param name="Warnings">Sanity-check warnings (AutoAttack-style), empty when all is well.</param>
/// <param name="Device">The torch device the model ran on.</param>
/// <param name="Checks">The checks of Carlini et al. (2019), when asked for (<see cref="RobustnessChecks"/>), else null.</param>
/// <param name="InputAdapter">How the data's images were fed to a network of another shape (<see cref="MlNetAdversarial.Transforms.Models.InputAdapter"/>), or null.</param>
public sealed record SweepResult(
    string Dataset,
    string Model,
    string ModelSha256,
    int Seed,
    string Attack,
    int BatchSize,
    int ParallelBatches,
    IReadOnlyList<EpsilonResult> Epsilons,
    IReadOnlyDictionary<string, string>? AttackParameters = null,
    IReadOnlyList<string>? Warnings = null,
    string Device = "cpu",
    string? InputAdapter = null,
    IReadOnlyList<EvaluationCheck>? Checks = null)
{
    /// <summary>
    /// For a transfer attack, the surrogate the adversarial images were crafted on (name and SHA-256); <see cref="Model"/> is the
    /// target that scored them, so the rows, McNemar tests and <see cref="EpsilonResult.AttackSuccessRate"/> (the transfer success
    /// rate) are the target's. Null when the attacked model is the scored one.
    /// </summary>
    public string? CraftedOn { get; init; }

    /// <summary>How the sanity checks were obtained (run, cached or skipped) and what they cost; null where none were asked for.</summary>
    public SanityCheckRun? SanityChecks { get; init; }
}
