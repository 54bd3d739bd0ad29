namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>Several sweeps in one run (e.g. MNIST and CIFAR-10), each with its own model and ε list.</summary>
/// <param name="Datasets">One sweep per dataset, in the order asked for.</param>
public sealed record SweepReport(IReadOnlyList<SweepResult> Datasets);
