using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>What an attack returns for a batch.</summary>
/// <param name="Adversarial">The adversarial images [N, C, H, W] in [0, 1].</param>
/// <param name="Queries">Model queries per image (score-based attacks), else null.</param>
public sealed record AttackResult(Tensor Adversarial, long[]? Queries = null);
