using MlNetAdversarial.Transforms.Fgsm;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>What to sweep. ε = 0, the clean baseline every test compares against, is always added.</summary>
/// <param name="Dataset">Dataset name for the report.</param>
/// <param name="Epsilons">ε values to attack with.</param>
/// <param name="BatchSize">Rows per torch call.</param>
/// <param name="Seed">Seed recorded in the report.</param>
public sealed record SweepRequest(string Dataset, IReadOnlyList<double> Epsilons, int BatchSize = FgsmOptions.DefaultBatchSize, int Seed = 0)
{
    /// <summary>The tutorial's ε list for MNIST.</summary>
    public static readonly IReadOnlyList<double> MnistEpsilons = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];

    /// <summary>The CIFAR convention: 0, 1/255, 2/255, 4/255, 8/255, 16/255.</summary>
    public static readonly IReadOnlyList<double> CifarEpsilons = [0, 1 / 255.0, 2 / 255.0, 4 / 255.0, 8 / 255.0, 16 / 255.0];

    /// <summary>The ε values swept: ε = 0 first, then the others in the order given, without repeats.</summary>
    public IReadOnlyList<double> EffectiveEpsilons => new[] { 0.0 }.Concat(Epsilons).Distinct().ToArray();
}
