namespace MlNetAdversarial.Transforms.Models;

/// <summary>What a network's last layer gives; <see cref="TorchImageClassifier"/> turns each into log-probabilities once.</summary>
public enum ClassifierOutput
{
    /// <summary>Unnormalized scores: log_softmax is applied.</summary>
    Logits,

    /// <summary>Already log_softmax (LeNet of the PyTorch tutorial): used as they are.</summary>
    LogProbabilities,

    /// <summary>Already softmax: their logarithm is taken.</summary>
    Probabilities,
}
