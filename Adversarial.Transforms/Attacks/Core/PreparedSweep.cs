using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>What <see cref="ISweepableAttack.Prepare"/> computed for a batch.</summary>
/// <param name="AdversarialAt">The adversarial batch at a budget (a new tensor each call).</param>
/// <param name="CleanLogProbabilities">The clean log-probabilities of the same forward pass, when it took one; else null.</param>
/// <param name="Queries">Model queries per image of the preparation, for every budget (score- and decision-based attacks); else null.</param>
public sealed record PreparedSweep(Func<double, Tensor> AdversarialAt, Tensor? CleanLogProbabilities, long[]? Queries = null);
