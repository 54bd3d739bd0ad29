using Microsoft.ML.Data;

namespace MlNetAdversarial.Tests;

/// <summary>A row whose image is a scalar, not a vector.</summary>
internal sealed class ScalarImageRow
{
    public float Image { get; set; }

    [KeyType(10)]
    public uint Label { get; set; } = 1;
}
