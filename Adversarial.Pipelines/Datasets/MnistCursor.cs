using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Reads MNIST rows in file order, one image and one label per move.</summary>
internal sealed class MnistCursor : DataViewRowCursor
{
    // Division, not multiplication by 1/255: bit-identical to torchvision's ToTensor (x.float().div(255)).
    private const float PixelMax = 255f;
    private readonly MnistDataView _view;
    private readonly bool[] _active;
    private readonly IdxFile? _images;
    private readonly IdxFile? _labels;
    private readonly byte[] _pixels = new byte[MnistDataView.Side * MnistDataView.Side];
    private readonly byte[] _label = new byte[1];
    private long _position = -1;

    public MnistCursor(MnistDataView view, bool[] active)
    {
        _view = view;
        _active = active;
        if (active[0])
            _images = IdxFile.Open(view.ImagesPath, 3);
        if (active[1])
            _labels = IdxFile.Open(view.LabelsPath, 1);
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        Delegate getter = column.Index switch
        {
            0 when _images is not null => new ValueGetter<VBuffer<float>>(GetImage),
            1 when _labels is not null => new ValueGetter<uint>(GetLabel),
            _ => throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created."),
        };
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' is {column.Type}; a getter of {typeof(TValue).Name} was requested.");
    }

    public override bool MoveNext()
    {
        if (_position + 1 >= _view.GetRowCount())
            return false;
        _position++;
        _images?.ReadItem(_pixels);
        _labels?.ReadItem(_label);
        if (_labels is not null && _label[0] >= MnistDataView.ClassCount)
            throw new DatasetUnavailableException(
                $"{_view.LabelsPath}: label {_label[0]} at item {_position}; expected a digit 0-9.");
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _images?.Dispose();
            _labels?.Dispose();
        }
        base.Dispose(disposing);
    }

    private void GetImage(ref VBuffer<float> value)
    {
        var editor = VBufferEditor.Create(ref value, _pixels.Length);
        for (int i = 0; i < _pixels.Length; i++)
            editor.Values[i] = _pixels[i] / PixelMax;
        value = editor.Commit();
    }

    private void GetLabel(ref uint value) => value = _label[0] + 1u;
}
