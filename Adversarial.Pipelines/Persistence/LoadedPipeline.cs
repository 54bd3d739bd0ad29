using Microsoft.ML;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Persistence;

/// <summary>A pipeline read back by <see cref="PipelineFile.Load"/>; disposing it frees its classifiers.</summary>
public sealed class LoadedPipeline(ITransformer model, DataViewSchema inputSchema, IReadOnlyList<TorchImageClassifier> classifiers) : IDisposable
{
    /// <summary>The fitted pipeline.</summary>
    public ITransformer Model { get; } = model;

    /// <summary>The schema the pipeline was fitted on.</summary>
    public DataViewSchema InputSchema { get; } = inputSchema;

    /// <summary>The classifiers the pipeline's steps use.</summary>
    public IReadOnlyList<TorchImageClassifier> Classifiers { get; } = classifiers;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var classifier in Classifiers)
            classifier.Dispose();
    }
}
