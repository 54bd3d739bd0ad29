using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Base of the transformers that run a TorchSharp classifier over an image column in batches.
/// <see cref="Transform"/> is lazy: rows are computed a batch at a time as a cursor pulls them.
/// </summary>
public abstract class ImageBatchTransformer : ITransformer
{
    private protected ImageBatchTransformer(ImageBatchKernel kernel) => Kernel = kernel;

    /// <summary>The classifier this transformer runs (owned by the caller).</summary>
    public TorchImageClassifier Classifier => Kernel.Classifier;

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    internal ImageBatchKernel Kernel { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckInput(inputSchema);
        return OutputSchemaBuilder.Build(inputSchema, Kernel.Outputs);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        return new BatchedImageDataView(input, Kernel);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckInput(inputSchema);
        return new BatchedRowMapper(inputSchema, Kernel);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        $"{GetType().Name} wraps a TorchSharp model, which MLContext.Model.Save cannot store (its save context is " +
        "internal to ML.NET). Use MlNetAdversarial.Pipelines.Persistence.PipelineFile.Save, which stores the ML.NET steps " +
        "with Model.Save and ours as options and weights.");

    internal void CheckInput(DataViewSchema schema)
    {
        SchemaChecks.CheckImage(schema, Kernel.ImageColumn, Classifier.InputShape);
        if (Kernel.LabelColumn is not null)
            SchemaChecks.CheckLabel(schema, Kernel.LabelColumn, Classifier.ClassCount);
        if (Kernel.TargetColumn is not null)
            SchemaChecks.CheckLabel(schema, Kernel.TargetColumn, Classifier.ClassCount);
    }
}
