namespace MlNetAdversarial.Transforms.Models;

/// <summary>Channel-height-width shape of one image, as a model takes it.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Number of values in one image.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>The shape as ML.NET vector dimensions.</summary>
    public int[] Dimensions => [Channels, Height, Width];

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
