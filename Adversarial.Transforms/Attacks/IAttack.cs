namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// An adversarial attack in pure TorchSharp: a batch of images in [0, 1] and labels (or targets) in,
/// the adversarial batch out. Implementations are immutable; every random choice derives from the
/// seed and each image's row index, so results do not depend on the batch size.
/// </summary>
public interface IAttack
{
    /// <summary>Short name, e.g. "pgd".</summary>
    string Name { get; }

    /// <summary>The norm the attack bounds or minimizes: "Linf" or "L2".</summary>
    string Norm { get; }

    /// <summary>The perturbation budget, or null for minimal-perturbation attacks (DeepFool, CW).</summary>
    double? Budget { get; }

    /// <summary>Whether the attack needs gradients (false: it only queries scores).</summary>
    bool IsWhiteBox { get; }

    /// <summary>Settings shared by all attacks.</summary>
    AttackSettings Settings { get; }

    /// <summary>The attack's parameters, for reports.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Runs the attack on a batch. Must not modify the input tensors.</summary>
    AttackResult Run(AttackBatch batch);
}
