namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>How an attack chooses what to aim for.</summary>
public enum TargetingKind
{
    /// <summary>Any wrong class.</summary>
    Untargeted,

    /// <summary>One fixed class for every image.</summary>
    FixedLabel,

    /// <summary>A class read from a column of the data view.</summary>
    Column,

    /// <summary>A random class other than the true one (seeded per image).</summary>
    RandomOther,

    /// <summary>The class the model finds least likely on the clean image.</summary>
    LeastLikely,
}
