using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>What a sequence of attacks returns for a batch: the worst case per image and which stage found it.</summary>
/// <param name="Adversarial">The adversarial images [N, C, H, W] in [0, 1] (the clean image where no stage succeeded).</param>
/// <param name="FooledBy">Per image, the index of the first stage that fooled it; −1 for an image misclassified clean, null where none did.</param>
public sealed record StagedAttackResult(Tensor Adversarial, int?[] FooledBy);
