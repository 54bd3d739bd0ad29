using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>The attack chosen on the command line.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Create">Builds it for an ε (minimal-perturbation attacks ignore ε).</param>
/// <param name="IsMinimal">DeepFool or CW: no budget, a norm distribution instead of an ε curve.</param>
/// <param name="IsL2">Whether its norm is L2.</param>
internal sealed record AttackChoice(string Name, Func<double, IAttack> Create, bool IsMinimal, bool IsL2)
{
    /// <summary>
    /// Untargeted FGSM on every image with default settings: the sweep can then reuse one gradient for all
    /// ε (FgsmSweepRunner) instead of running the generic attack once per ε.
    /// </summary>
    public bool IsPlainFgsm => Name == "fgsm" && Create(0).Settings with { Seed = 0 } == AttackSettings.Default;
}
