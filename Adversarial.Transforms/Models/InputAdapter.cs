using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// Feeds a network images of another shape, inside the classifier wrapper, so one network serves several datasets
/// (the CIFAR ResNet on MNIST, LeNet on CIFAR-10) while attacks, ε and saved datasets stay in the data's own pixels.
/// Channels: 1 → 3 copies the grey value into each channel; 3 → 1 takes the luma Y = 0.299 R + 0.587 G + 0.114 B
/// (ITU-R BT.601, torchvision's rgb_to_grayscale); any other change of channel count is refused. Size: bilinear
/// resampling with half-pixel centres (align_corners false, no antialiasing — torchvision's Resize on tensors).
/// Both are differentiable and keep values in [0, 1], so gradients reach the data's pixels unchanged in meaning.
/// </summary>
/// <param name="From">The shape of the images given (the data's).</param>
/// <param name="To">The shape the network takes.</param>
public sealed record InputAdapter(ImageShape From, ImageShape To)
{
    private static readonly float[] Luma = [0.299f, 0.587f, 0.114f];

    /// <summary>The adapter from <paramref name="images"/> to <paramref name="network"/>, or null when they are the same shape.</summary>
    /// <exception cref="ArgumentException">The channel counts cannot be converted (only 1 ↔ 3 can).</exception>
    public static InputAdapter? Between(ImageShape images, ImageShape network)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(network);
        if (images == network)
            return null;
        if (images.Channels != network.Channels && (images.Channels, network.Channels) is not ((1, 3) or (3, 1)))
            throw new ArgumentException($"Images of {images.Channels} channel(s) cannot be fed to a network that takes {network.Channels}: "
                + "the input adapter converts 1 ↔ 3 channels only.", nameof(images));
        return new InputAdapter(images, network);
    }

    /// <summary>What the adapter does, for reports ("1x28x28 → 3x32x32: grey copied to 3 channels, bilinear 28x28 → 32x32").</summary>
    public string Description
    {
        get
        {
            var steps = new List<string>();
            if (From.Channels == 1 && To.Channels == 3)
                steps.Add("grey copied to 3 channels");
            else if (From.Channels == 3 && To.Channels == 1)
                steps.Add("RGB to grey (BT.601 luma)");
            if (From.Height != To.Height || From.Width != To.Width)
                steps.Add($"bilinear {From.Height}x{From.Width} → {To.Height}x{To.Width}");
            return $"{From} → {To}: {string.Join(", ", steps)}";
        }
    }

    /// <summary>Images [N, From] in [0, 1] as the network's input [N, To], on their device.</summary>
    public Tensor Apply(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        var adapted = images;
        if (From.Channels == 3 && To.Channels == 1)
        {
            using var weights = tensor(Luma, [1, 3, 1, 1], images.dtype, images.device);
            adapted = (adapted * weights).sum(1, keepdim: true);
        }
        if (From.Height != To.Height || From.Width != To.Width)
            adapted = nn.functional.interpolate(adapted, [To.Height, To.Width], mode: InterpolationMode.Bilinear, align_corners: false);
        if (From.Channels == 1 && To.Channels == 3)
            adapted = adapted.expand(-1, 3, -1, -1);
        return adapted.MoveToOuterDisposeScope();
    }
}
