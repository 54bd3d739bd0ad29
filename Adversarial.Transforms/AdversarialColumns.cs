namespace MlNetAdversarial.Transforms;

/// <summary>The column names the transforms read and write unless told otherwise (ML.NET's conventions where it has one).</summary>
public static class AdversarialColumns
{
    /// <summary>Images: Vector&lt;Single, C, H, W&gt; in [0, 1].</summary>
    public const string Image = "Image";

    /// <summary>True classes: Key&lt;UInt32, classes&gt;.</summary>
    public const string Label = "Label";

    /// <summary>Class probabilities (ML.NET's name).</summary>
    public const string Score = "Score";

    /// <summary>The most probable class (ML.NET's name).</summary>
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>Attacked images, where they are kept beside the clean ones.</summary>
    public const string Adversarial = "Adversarial";

    /// <summary>Per-image perturbation sizes of a sweep: L∞, L2 and L0 (values changed).</summary>
    public const string Perturbation = "Perturbation";

    /// <summary>Per-image model queries of a score- or decision-based attack (Square, HopSkipJump).</summary>
    public const string Queries = "Queries";
}
