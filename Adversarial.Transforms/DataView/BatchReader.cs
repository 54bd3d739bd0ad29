using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// Reads the image and label of the source row into a batch slot, checking each value a schema check
/// cannot see (vector length, missing keys).
/// </summary>
internal sealed class BatchReader
{
    private readonly DataViewRow _source;
    private readonly ImageBatchKernel _kernel;
    private readonly ValueGetter<VBuffer<float>> _image;
    private readonly ValueGetter<uint>? _label;
    private readonly ValueGetter<uint>? _target;
    private readonly ValueGetter<DataViewRowId> _id;
    private DataViewRowId _rowId;
    private readonly int _classCount;
    private VBuffer<float> _imageValue;

    public BatchReader(DataViewRow source, ImageBatchKernel kernel)
    {
        _source = source;
        _kernel = kernel;
        _image = source.GetGetter<VBuffer<float>>(source.Schema[kernel.ImageColumn]);
        _id = source.GetIdGetter();
        if (kernel.LabelColumn is not null)
            _label = source.GetGetter<uint>(source.Schema[kernel.LabelColumn]);
        if (kernel.TargetColumn is not null)
            _target = source.GetGetter<uint>(source.Schema[kernel.TargetColumn]);
        _classCount = kernel.Classifier.ClassCount;
    }

    public void Read(ImageBatch batch, int slot)
    {
        _image(ref _imageValue);
        if (_imageValue.Length != batch.ImageSize)
            throw new InvalidDataException(
                $"Row {_source.Position}: column '{_kernel.ImageColumn}' holds {_imageValue.Length} values; expected {batch.ImageSize}.");
        _imageValue.CopyTo(batch.ImageSlot(slot));
        // The row id, not the cursor position: ids survive SkipRows/TakeRows, so an image gets the same
        // random choices in a shard of the data as in the whole of it.
        _id(ref _rowId);
        batch.SetRowIndex(slot, (long)_rowId.Low);
        if (_label is not null)
            batch.SetLabel(slot, ReadClass(_label, _kernel.LabelColumn!));
        if (_target is not null)
            batch.SetTarget(slot, ReadClass(_target, _kernel.TargetColumn!));
    }

    private long ReadClass(ValueGetter<uint> getter, string column)
    {
        uint key = 0;
        getter(ref key);
        if (key == 0 || key > _classCount)
            throw new InvalidDataException(
                $"Row {_source.Position}: column '{column}' holds key {key}; expected a class key from 1 to {_classCount} (0 means missing).");
        return key - 1;
    }
}
