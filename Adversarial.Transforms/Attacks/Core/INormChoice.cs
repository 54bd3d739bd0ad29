namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Options that choose the attack's norm (PGD, Square, APGD, FAB, AutoAttack, HopSkipJump: L∞ or L2).</summary>
public interface INormChoice
{
    /// <summary>The norm the attack bounds or minimizes.</summary>
    PerturbationNorm Norm { get; }
}
