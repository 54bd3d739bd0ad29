using Microsoft.ML;
using MlNetAdversarial.Transforms.Models;
using TorchSharp;

namespace MlNetAdversarial.Cli;

/// <summary>
/// One thing to sweep: a name, the model chosen for it (its architecture sets the batch size; a file of any format may
/// replace it), the shape of its images (null for an image folder, which is resized to the model's), its default ε list,
/// and how to load its test data.
/// </summary>
internal sealed record SweepTarget(string Name, ArchitectureDescriptor Architecture, ModelChoice Model, ImageShape? Shape,
    IReadOnlyList<double> DefaultEpsilons, Func<MLContext, TorchImageClassifier, SweepSettings, IDataView> Data)
{
    /// <summary>Seeds torch, loads the model (the caller disposes it) and the data, first N rows when limited.</summary>
    public (MLContext Ml, TorchImageClassifier Classifier, IDataView Data) Open(SweepSettings settings)
    {
        torch.manual_seed(settings.Seed);
        var ml = new MLContext(settings.Seed);
        var classifier = Model.Load(Architecture, Shape, Name, settings.Device);
        IDataView data = Data(ml, classifier, settings);
        return (ml, classifier, settings.Limit is { } limit ? ml.Data.TakeRows(data, limit) : data);
    }

    /// <summary>The ε list asked for, else this target's default.</summary>
    public IReadOnlyList<double> Epsilons(SweepSettings settings) =>
        settings.EpsilonText is null ? DefaultEpsilons : EpsilonList.Parse(settings.EpsilonText);
}
