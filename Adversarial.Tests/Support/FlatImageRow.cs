using Microsoft.ML.Data;

namespace MlNetAdversarial.Tests;

/// <summary>A row whose image is a vector of the wrong shape (10 values) for LeNet.</summary>
internal sealed class FlatImageRow
{
    [VectorType(10)]
    public float[] Image { get; set; } = new float[10];

    [KeyType(10)]
    public uint Label { get; set; } = 1;
}
