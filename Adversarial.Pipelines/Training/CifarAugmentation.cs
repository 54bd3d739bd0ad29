using MlNetAdversarial.Pipelines.Datasets;
namespace MlNetAdversarial.Pipelines.Training;

/// <summary>
/// Random crop of a 4-pixel zero-padded image and random horizontal flip, written straight into the
/// float batch in [0, 1]. All randomness comes from the caller's seeded generator.
/// </summary>
internal static class CifarAugmentation
{
    public const int Padding = 4;

    public static void Apply(ImageArrays set, ReadOnlySpan<int> indices, Random random, Span<float> destination)
    {
        var shape = set.Shape;
        int plane = shape.Height * shape.Width;
        for (int i = 0; i < indices.Length; i++)
        {
            int dy = random.Next(-Padding, Padding + 1);
            int dx = random.Next(-Padding, Padding + 1);
            bool flip = random.Next(2) == 1;
            var image = set.Image(indices[i]);
            var target = destination.Slice(i * shape.Size, shape.Size);
            for (int c = 0; c < shape.Channels; c++)
            {
                for (int y = 0; y < shape.Height; y++)
                {
                    int sy = y + dy;
                    for (int x = 0; x < shape.Width; x++)
                    {
                        int sx = (flip ? shape.Width - 1 - x : x) + dx;
                        bool inside = sy >= 0 && sy < shape.Height && sx >= 0 && sx < shape.Width;
                        target[c * plane + y * shape.Width + x] = inside
                            ? image[c * plane + sy * shape.Width + sx] / 255f
                            : 0f;
                    }
                }
            }
        }
    }
}
