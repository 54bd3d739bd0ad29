using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Torch;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Pulls up to <see cref="TorchRuntime.ParallelBatches"/> batches of rows from the source (one on a GPU), runs the kernel on
/// them at once (one batch per thread), then serves the rows one by one. Memory is those batches,
/// whatever the size of the data.
/// </summary>
internal sealed class BatchedImageCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _source;
    private readonly ImageBatchKernel _kernel;
    private readonly int _inputColumnCount;
    private readonly bool[] _active;
    private readonly bool _computeOutputs;
    private readonly ImageBatch _batch;
    private readonly BatchReader? _reader;
    private readonly ColumnBuffer[] _passThrough;
    private readonly DataViewRowId[] _ids;
    private readonly ValueGetter<DataViewRowId> _sourceId;
    private readonly Delegate?[] _getters;
    private int _slot = -1;
    private long _position = -1;

    public BatchedImageCursor(DataViewRowCursor source, DataViewSchema schema, ImageBatchKernel kernel, bool[] active)
    {
        _source = source;
        Schema = schema;
        _kernel = kernel;
        _active = active;
        _inputColumnCount = source.Schema.Count;
        _computeOutputs = active.Skip(_inputColumnCount).Any(a => a);
        // On the CPU, one batch per torch thread at once; a GPU gets one stream of (larger) batches.
        int parallelBatches = _computeOutputs && kernel.Classifier.Device.type == TorchSharp.DeviceType.CPU ? TorchRuntime.ParallelBatches : 1;
        _batch = new ImageBatch(kernel.BatchSize * parallelBatches, kernel.Classifier.InputShape.Size, kernel.Outputs);
        _reader = _computeOutputs ? new BatchReader(source, kernel) : null;
        _sourceId = source.GetIdGetter();
        _ids = new DataViewRowId[_batch.Capacity];
        _getters = new Delegate?[schema.Count];

        var buffers = new List<ColumnBuffer>();
        for (int i = 0; i < _inputColumnCount; i++)
        {
            if (!active[i])
                continue;
            var buffer = ColumnBuffer.Create(source, source.Schema[i], _batch.Capacity);
            buffers.Add(buffer);
            _getters[i] = buffer.CreateGetter(() => _slot);
        }
        _passThrough = buffers.ToArray();
        for (int o = 0; o < kernel.Outputs.Count; o++)
        {
            if (active[_inputColumnCount + o])
                _getters[_inputColumnCount + o] = OutputGetters.Create(_batch, kernel.Outputs[o], o, () => _slot);
        }
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _position;

    public override long Batch => 0;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index >= _getters.Length || _getters[column.Index] is not { } getter)
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' is {column.Type}; a getter of {typeof(TValue).Name} was requested.");
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _ids[_slot];

    public override bool MoveNext()
    {
        if (++_slot >= _batch.Count)
        {
            FillBatch();
            if (_batch.Count == 0)
            {
                _slot = -1;
                return false;
            }
            _slot = 0;
        }
        _position++;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _source.Dispose();
        base.Dispose(disposing);
    }

    private void FillBatch()
    {
        int count = 0;
        while (count < _batch.Capacity && _source.MoveNext())
        {
            _reader?.Read(_batch, count);
            foreach (var buffer in _passThrough)
                buffer.Capture(count);
            _sourceId(ref _ids[count]);
            count++;
        }
        _batch.Count = count;
        if (_computeOutputs && count > 0)
            ComputeInParallel();
    }

    private void ComputeInParallel()
    {
        int size = _kernel.BatchSize;
        int parts = (_batch.Count + size - 1) / size;
        TorchWorkers.Shared.Run(parts, part => _kernel.Compute(_batch.Part(part * size, Math.Min(size, _batch.Count - part * size))));
    }
}
