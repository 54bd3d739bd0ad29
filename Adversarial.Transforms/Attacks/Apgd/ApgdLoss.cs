namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>The loss APGD ascends (Croce and Hein, 2020).</summary>
public enum ApgdLoss
{
    /// <summary>Cross-entropy of the true class (minus that of the target, when targeted).</summary>
    CrossEntropy,

    /// <summary>The Difference of Logits Ratio, −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3): invariant to shifting and scaling the logits.</summary>
    Dlr,
}
