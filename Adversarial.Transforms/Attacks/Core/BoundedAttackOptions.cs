namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>The options of an attack that a budget ε bounds (every attack but the minimal-perturbation ones).</summary>
public abstract record BoundedAttackOptions : AttackOptions
{
    /// <summary>The budget ε in the attack's norm (each attack defines its default).</summary>
    public abstract double Epsilon { get; init; }
}
