using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Serves one record at a time from an <see cref="IRecordReader"/>.</summary>
internal sealed class ByteImageCursor : DataViewRowCursor
{
    // Division, not multiplication by 1/255: bit-identical to torchvision's ToTensor (x.float().div(255)).
    private const float PixelMax = 255f;
    private readonly ByteImageDataView _view;
    private readonly IRecordReader _reader;
    private readonly bool[] _active;
    private readonly byte[] _pixels;
    private byte _label;
    private long _position = -1;

    public ByteImageCursor(ByteImageDataView view, IRecordReader reader, bool[] active)
    {
        _view = view;
        _reader = reader;
        _active = active;
        _pixels = active[0] ? new byte[view.Shape.Size] : [];
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index >= _active.Length || !_active[column.Index])
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        Delegate getter = column.Index == 0 ? new ValueGetter<VBuffer<float>>(GetImage) : new ValueGetter<uint>(GetLabel);
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' is {column.Type}; a getter of {typeof(TValue).Name} was requested.");
    }

    public override bool MoveNext()
    {
        if (_position + 1 >= _view.Count)
            return false;
        _position++;
        _label = _reader.Read(_pixels, _position);
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _reader.Dispose();
        base.Dispose(disposing);
    }

    private void GetImage(ref VBuffer<float> value)
    {
        var editor = VBufferEditor.Create(ref value, _pixels.Length);
        for (int i = 0; i < _pixels.Length; i++)
            editor.Values[i] = _pixels[i] / PixelMax;
        value = editor.Commit();
    }

    private void GetLabel(ref uint value) => value = _label + 1u;
}
