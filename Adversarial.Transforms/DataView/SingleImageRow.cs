using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>One mapped row: source columns pass through; outputs are computed once per source position.</summary>
internal sealed class SingleImageRow : DataViewRow
{
    private readonly DataViewRow _source;
    private readonly ImageBatchKernel _kernel;
    private readonly bool[] _active;
    private readonly ImageBatch _batch;
    private readonly BatchReader _reader;
    private readonly Delegate?[] _outputGetters;
    private long _computedPosition = -1;

    public SingleImageRow(DataViewRow source, DataViewSchema schema, ImageBatchKernel kernel, bool[] active)
    {
        _source = source;
        Schema = schema;
        _kernel = kernel;
        _active = active;
        _batch = new ImageBatch(1, kernel.Classifier.InputShape.Size, kernel.Outputs);
        _reader = new BatchReader(source, kernel);
        _outputGetters = new Delegate?[kernel.Outputs.Count];
        for (int o = 0; o < kernel.Outputs.Count; o++)
        {
            Delegate served = OutputGetters.Create(_batch, kernel.Outputs[o], o, () => 0);
            _outputGetters[o] = kernel.Outputs[o].IsKey
                ? WithCompute((ValueGetter<uint>)served)
                : WithCompute((ValueGetter<VBuffer<float>>)served);
        }
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _source.Position;

    public override long Batch => _source.Batch;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<DataViewRowId> GetIdGetter() => _source.GetIdGetter();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int sourceCount = _source.Schema.Count;
        if (column.Index < sourceCount)
            return _source.GetGetter<TValue>(_source.Schema[column.Index]);
        return _outputGetters[column.Index - sourceCount] as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' is {column.Type}; a getter of {typeof(TValue).Name} was requested.");
    }

    private ValueGetter<T> WithCompute<T>(ValueGetter<T> served) => (ref T value) =>
    {
        if (_computedPosition != _source.Position)
        {
            _reader.Read(_batch, 0);
            _batch.Count = 1;
            _kernel.Compute(_batch);
            _computedPosition = _source.Position;
        }
        served(ref value);
    };
}
