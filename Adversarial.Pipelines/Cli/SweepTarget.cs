using Microsoft.ML;
using TorchSharp;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>One thing to sweep: a name, a model, and how to load its test data.</summary>
internal sealed record SweepTarget(string Name, ModelKind Model, string? ModelPath,
    Func<MLContext, TorchImageClassifier, SweepSettings, IDataView> Data)
{
    /// <summary>Seeds torch, loads the model (the caller disposes it) and the data, first N rows when limited.</summary>
    public (MLContext Ml, TorchImageClassifier Classifier, IDataView Data) Open(SweepSettings settings)
    {
        torch.manual_seed(settings.Seed);
        var ml = new MLContext(settings.Seed);
        var classifier = Model.Load(ModelPath ?? Model.ShippedWeights);
        IDataView data = Data(ml, classifier, settings);
        return (ml, classifier, settings.Limit is { } limit ? ml.Data.TakeRows(data, limit) : data);
    }
}
