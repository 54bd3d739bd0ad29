namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>Several sweeps in one run (e.g. MNIST and CIFAR-10), each with its own model and ε list.</summary>
/// <param name="Datasets">One sweep per dataset, in the order asked for.</param>
/// <param name="Plots">The plot files that compare them (relative to the report), when a report folder was written.</param>
public sealed record SweepReport(IReadOnlyList<SweepResult> Datasets, IReadOnlyList<string>? Plots = null);
