namespace MlNetAdversarial.Tests;

/// <summary>
/// The test categories that .ci/run runs after the README's test command, which leaves them out to stay within ten
/// minutes on the 2-core machine. Nothing is skipped: CI runs every category.
/// </summary>
internal static class TestCategories
{
    /// <summary>The xunit trait that holds the category.</summary>
    public const string Trait = "Category";

    /// <summary>
    /// Tests of a minute or more each class (measured on the 2-core machine): the reference comparisons of the strong
    /// attacks (AutoAttack's stages, APGD, HopSkipJump), the Carlini checks, every registered attack through the command
    /// line, the memory flatness sweep, the notebooks, the CIFAR model, training and the ONNX GC stress test.
    /// </summary>
    public const string Slow = "Slow";

    /// <summary>torchvision's networks exported to ONNX and checked against ONNX Runtime and float64 PyTorch.</summary>
    public const string Architectures = "Architectures";
}
