namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>The norm a perturbation budget is measured in.</summary>
public enum PerturbationNorm
{
    /// <summary>Largest change of any pixel value.</summary>
    Linf,

    /// <summary>Euclidean length of the change.</summary>
    L2,
}
