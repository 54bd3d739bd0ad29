namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>An FGSM sweep of one model over one dataset.</summary>
/// <param name="Dataset">Dataset name, e.g. "mnist".</param>
/// <param name="Model">Model name.</param>
/// <param name="ModelSha256">SHA-256 of the weights file.</param>
/// <param name="Seed">Seed of every random choice of the run.</param>
/// <param name="Attack">Attack name.</param>
/// <param name="BatchSize">Rows per torch call.</param>
/// <param name="TorchThreads">Torch intra-op threads.</param>
/// <param name="Epsilons">One result per ε, in the order given.</param>
/// <param name="AttackParameters">The attack's parameters (other than ε), for reports.</param>
/// <param name="Warnings">Sanity-check warnings (AutoAttack-style), empty when all is well.</param>
public sealed record SweepResult(
    string Dataset,
    string Model,
    string ModelSha256,
    int Seed,
    string Attack,
    int BatchSize,
    int TorchThreads,
    IReadOnlyList<EpsilonResult> Epsilons,
    IReadOnlyDictionary<string, string>? AttackParameters = null,
    IReadOnlyList<string>? Warnings = null);
