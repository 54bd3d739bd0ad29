using Microsoft.ML;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>One thing to sweep: a name, a model, and how to load its test data.</summary>
internal sealed record SweepTarget(string Name, ModelKind Model, string? ModelPath,
    Func<MLContext, TorchImageClassifier, SweepSettings, IDataView> Data);
