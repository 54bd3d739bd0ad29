namespace MlNetAdversarial.Transforms.Models;

/// <summary>Channel-height-width shape of one image, as a model takes it.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Number of values in one image.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>The shape as ML.NET vector dimensions.</summary>
    public int[] Dimensions => [Channels, Height, Width];

    /// <summary>The tensor shape [count, C, H, W] of a batch of these images.</summary>
    public long[] BatchShape(int count) => [count, Channels, Height, Width];

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
