using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>A network architecture the tool can load weights into, with its shipped weights and ε list.</summary>
/// <param name="Name">Architecture name on the command line.</param>
/// <param name="WeightsFile">Shipped weights file under models/.</param>
/// <param name="Epsilons">Default ε list.</param>
/// <param name="BatchSize">Default batch size, chosen by measurement (README, Performance).</param>
/// <param name="Load">Loads weights into the architecture.</param>
internal sealed record ModelKind(string Name, string WeightsFile, IReadOnlyList<double> Epsilons, int BatchSize, Func<string, TorchImageClassifier> Load)
{
    public static readonly ModelKind LeNet = new("lenet", "lenet-mnist.bin", SweepRequest.MnistEpsilons, 128, TorchImageClassifier.LoadLeNet);

    public static readonly ModelKind CifarResNet = new("cifar-resnet", "cifar10-resnet.bin", SweepRequest.CifarEpsilons, 32,
        TorchImageClassifier.LoadCifarResNet);

    public static readonly IReadOnlyList<ModelKind> All = [LeNet, CifarResNet];

    public string ShippedWeights => RepositoryPaths.ShippedModel(WeightsFile);

    public static ModelKind Parse(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--arch: '{name}' is not a known architecture; expected one of: {string.Join(", ", All.Select(m => m.Name))}.");
}
