namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>Settings every attack takes. Defaults are defined here and only here.</summary>
public sealed record AttackSettings
{
    /// <summary>The defaults: untargeted, all images, early stop, seed 0.</summary>
    public static AttackSettings Default { get; } = new();

    /// <summary>What the attack aims for.</summary>
    public AttackTargeting Targeting { get; init; } = AttackTargeting.Untargeted;

    /// <summary>Attack only images the model classifies correctly; the others pass through unchanged.</summary>
    public bool OnlyCorrect { get; init; }

    /// <summary>Iterative attacks stop working on an image once it is fooled.</summary>
    public bool EarlyStop { get; init; } = true;

    /// <summary>Seed of every random choice (random starts, targets, square positions).</summary>
    public int Seed { get; init; }
}
