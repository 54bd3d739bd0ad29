using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// A column a batch kernel adds: either a float vector (<see cref="Width"/> values per row) or a
/// UInt32 key (one value per row).
/// </summary>
internal sealed record OutputColumn(string Name, DataViewType Type, DataViewSchema.Annotations Annotations)
{
    public bool IsKey => Type is KeyDataViewType;

    public int Width => Type is VectorDataViewType vector ? vector.Size : 1;

    public static OutputColumn FloatVector(string name, int[] dimensions, DataViewSchema.Annotations? annotations = null) =>
        new(name, new VectorDataViewType(NumberDataViewType.Single, dimensions), annotations ?? NoAnnotations);

    public static OutputColumn Key(string name, int count, DataViewSchema.Annotations? annotations = null) =>
        new(name, new KeyDataViewType(typeof(uint), count), annotations ?? NoAnnotations);

    private static DataViewSchema.Annotations NoAnnotations => new DataViewSchema.Annotations.Builder().ToAnnotations();
}
