namespace MlNetAdversarial.Transforms.Models;

/// <summary>The rule of a transfer attack, in one place: the model it is crafted on and the model that scores it share classes and image shape.</summary>
public static class TransferPair
{
    /// <summary>Why images crafted on <paramref name="surrogate"/> cannot be scored by <paramref name="target"/>, or null when they can.</summary>
    public static string? Problem(TorchImageClassifier surrogate, TorchImageClassifier target)
    {
        ArgumentNullException.ThrowIfNull(surrogate);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.ClassNames.SequenceEqual(surrogate.ClassNames))
            return $"The surrogate {surrogate.Name} has classes [{string.Join(", ", surrogate.ClassNames)}] but the target "
                + $"{target.Name} has [{string.Join(", ", target.ClassNames)}]: a transfer attack needs the same classes in the same order.";
        if (target.InputShape != surrogate.InputShape)
            return $"The surrogate {surrogate.Name} takes {surrogate.InputShape} images but the target {target.Name} takes "
                + $"{target.InputShape}: a transfer attack needs one image shape.";
        return null;
    }
}
