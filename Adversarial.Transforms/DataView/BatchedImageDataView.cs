using Microsoft.ML;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// The lazy output of a batched transformer: nothing is computed until a cursor moves.
/// </summary>
internal sealed class BatchedImageDataView : IDataView
{
    private readonly IDataView _source;
    private readonly ImageBatchKernel _kernel;

    public BatchedImageDataView(IDataView source, ImageBatchKernel kernel)
    {
        _source = source;
        _kernel = kernel;
        Schema = OutputSchemaBuilder.Build(source.Schema, kernel.Outputs);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        bool[] active = ActiveColumns.Of(Schema, columnsNeeded);
        var sourceColumns = ActiveColumns.SourceColumns(_source.Schema, _kernel, active);
        var source = _source.GetRowCursor(sourceColumns, rand);
        return new BatchedImageCursor(source, Schema, _kernel, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
