using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>The attack chosen on the command line.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Create">Builds it for an ε (minimal-perturbation attacks ignore ε).</param>
/// <param name="IsMinimal">DeepFool or CW: no budget, a norm distribution instead of an ε curve.</param>
/// <param name="IsL2">Whether its norm is L2.</param>
internal sealed record AttackChoice(string Name, Func<double, IAttack> Create, bool IsMinimal, bool IsL2);
