namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// An adversarial attack in pure TorchSharp: a batch of images in [0, 1] and labels (or targets) in,
/// the adversarial batch out. Implementations are immutable; every random choice derives from the
/// seed and each image's row index, so results do not depend on the batch size. Tensors are created
/// on the device of the input images.
/// </summary>
public interface IAttack
{
    /// <summary>Short name, e.g. "pgd"; the key of the attack in <see cref="AttackRegistry"/>.</summary>
    string Name { get; }

    /// <summary>The norm the attack bounds or minimizes.</summary>
    PerturbationNorm Norm { get; }

    /// <summary>The perturbation budget, or null for minimal-perturbation attacks (DeepFool, CW).</summary>
    double? Budget { get; }

    /// <summary>Whether the attack needs gradients (false: it only queries scores).</summary>
    bool IsWhiteBox { get; }

    /// <summary>Settings shared by all attacks.</summary>
    AttackSettings Settings { get; }

    /// <summary>The attack's parameters, for reports, formatted with the invariant culture.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>
    /// The same attack at another budget (parameters that scale with the budget scale with it);
    /// a minimal-perturbation attack returns itself.
    /// </summary>
    IAttack WithBudget(double budget);

    /// <summary>Runs the attack on a batch. Must not modify the input tensors.</summary>
    AttackResult Run(AttackBatch batch);
}
