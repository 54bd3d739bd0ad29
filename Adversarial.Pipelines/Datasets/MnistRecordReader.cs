namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>Reads MNIST records from the image and label IDX files side by side.</summary>
internal sealed class MnistRecordReader : IRecordReader
{
    private readonly MnistDataView _view;
    private readonly IdxFile? _images;
    private readonly IdxFile _labels;
    private readonly byte[] _label = new byte[1];

    public MnistRecordReader(MnistDataView view, bool withPixels)
    {
        _view = view;
        _labels = IdxFile.Open(view.LabelsPath, 1);
        try
        {
            _images = withPixels ? IdxFile.Open(view.ImagesPath, 3) : null;
        }
        catch
        {
            _labels.Dispose();
            throw;
        }
    }

    public byte Read(Span<byte> pixels, long position)
    {
        _images?.ReadItem(pixels);
        _labels.ReadItem(_label);
        if (_label[0] >= MnistDataView.ClassCount)
            throw new DatasetUnavailableException($"{_view.LabelsPath}: label {_label[0]} at item {position}; expected a digit 0-9.");
        return _label[0];
    }

    public void Dispose()
    {
        _images?.Dispose();
        _labels.Dispose();
    }
}
