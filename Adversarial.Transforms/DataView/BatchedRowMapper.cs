using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Row-at-a-time access for <c>PredictionEngine</c>: each row is computed as a batch of one.
/// </summary>
internal sealed class BatchedRowMapper : IRowToRowMapper
{
    private readonly ImageBatchKernel _kernel;

    public BatchedRowMapper(DataViewSchema inputSchema, ImageBatchKernel kernel)
    {
        InputSchema = inputSchema;
        _kernel = kernel;
        OutputSchema = OutputSchemaBuilder.Build(inputSchema, kernel.Outputs);
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        bool[] active = ActiveColumns.Of(OutputSchema, dependingColumns);
        return ActiveColumns.SourceColumns(InputSchema, _kernel, active);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new SingleImageRow(input, OutputSchema, _kernel, ActiveColumns.Of(OutputSchema, activeColumns));
}
