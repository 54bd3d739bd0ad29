using Microsoft.ML.Data;

namespace MlNetAdversarial.Tests;

/// <summary>A row holding one image's pixels as the ONNX graph's "image" input (its vector size set in the schema definition).</summary>
internal sealed class ImageVector
{
    [ColumnName("image")]
    public float[] Image { get; set; } = [];
}
