namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>The versions of AutoAttack (Croce and Hein, 2020).</summary>
public enum AutoAttackVersion
{
    /// <summary>APGD-CE, APGD-T (9 targets), FAB-T (9 targets), Square (5,000 queries), for deterministic models.</summary>
    Standard,

    /// <summary>APGD-CE and APGD-DLR, each with the gradient averaged over 20 draws (EOT), for randomized models.</summary>
    Rand,
}
