using Microsoft.ML;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Base of the estimators of <see cref="ImageBatchTransformer"/>s. Nothing is learned: fitting checks
/// the schema and hands back the transformer.
/// </summary>
public abstract class ImageBatchEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : ImageBatchTransformer
{
    private readonly TTransformer _transformer;

    private protected ImageBatchEstimator(TTransformer transformer) => _transformer = transformer;

    /// <inheritdoc />
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.CheckInput(input.Schema);
        return _transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var kernel = _transformer.Kernel;
        SchemaChecks.CheckImage(inputSchema, kernel.ImageColumn, kernel.Classifier.InputShape);
        if (kernel.LabelColumn is not null)
            SchemaChecks.CheckLabel(inputSchema, kernel.LabelColumn, kernel.Classifier.ClassCount);
        if (kernel.TargetColumn is not null)
            SchemaChecks.CheckLabel(inputSchema, kernel.TargetColumn, kernel.Classifier.ClassCount);
        return SchemaShapes.WithOutputs(inputSchema, kernel.Outputs);
    }
}
