namespace MlNetAdversarial.Pipelines.Training;

/// <summary>How the training images are attacked before each optimizer step.</summary>
public enum AdversarialTrainingMethod
{
    /// <summary>PGD from a uniform random start (Madry, Makelov, Schmidt, Tsipras and Vladu, ICLR 2018).</summary>
    Pgd,

    /// <summary>One FGSM step of 1.25ε from a uniform random start (Wong, Rice and Kolter, "Fast is better than free", ICLR 2020).</summary>
    FgsmRandomStart,
}
