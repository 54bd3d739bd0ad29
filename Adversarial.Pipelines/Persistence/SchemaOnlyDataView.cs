using Microsoft.ML;

namespace MlNetAdversarial.Pipelines.Persistence;

/// <summary>A data view with a schema and no rows: enough to Fit estimators that only check the schema.</summary>
internal sealed class SchemaOnlyDataView(DataViewSchema schema) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema { get; } = schema;

    public long? GetRowCount() => 0;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        throw new NotSupportedException("A schema-only view has no rows to read.");

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        throw new NotSupportedException("A schema-only view has no rows to read.");
}
