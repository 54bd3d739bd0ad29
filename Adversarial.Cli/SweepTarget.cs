using Microsoft.ML;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using TorchSharp;

namespace MlNetAdversarial.Cli;

/// <summary>
/// One thing to sweep: a name, the model chosen for it (its architecture sets the batch size; a file of any format may
/// replace it), the built-in dataset (null for an image folder, which is resized to the model's shape), the image folder,
/// its default ε list and <c>attack</c> ε, and how to load its test data.
/// </summary>
internal sealed record SweepTarget(string Name, ArchitectureDescriptor Architecture, ModelChoice Model, DatasetDescriptor? Dataset,
    string? ImageFolder, IReadOnlyList<double> DefaultEpsilons, double AttackEpsilon, Func<MLContext, TorchImageClassifier, SweepSettings, IDataView> Data)
{
    /// <summary>Seeds torch, loads the model (the caller disposes it) and the data, first N rows when limited.</summary>
    public (MLContext Ml, TorchImageClassifier Classifier, IDataView Data) Open(SweepSettings settings, IAttack? attack = null)
    {
        torch.manual_seed(settings.Seed);
        var ml = new MLContext(settings.Seed);
        var classifier = Model.Load(Architecture, Dataset, settings.Device, attack);
        IDataView data = Data(ml, classifier, settings);
        return (ml, classifier, settings.Limit is { } limit ? ml.Data.TakeRows(data, limit) : data);
    }

    /// <summary>The line that says an input adapter feeds the model this target's images, or null.</summary>
    public string? AdapterLine(TorchImageClassifier classifier) =>
        classifier.Adapter is { } adapter ? $"{Name}: {classifier.Name}, input adapter {adapter.Description}" : null;

    /// <summary>The ε list asked for, else this target's default.</summary>
    public IReadOnlyList<double> Epsilons(SweepSettings settings) =>
        settings.EpsilonText is null ? DefaultEpsilons : EpsilonList.Parse(settings.EpsilonText);
}
