namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// What a model file cannot say about itself, given by the user (the command line's --arch, --input-name, --classes,
/// --mean/--std, --output). Null everywhere means "what the file or the architecture says".
/// </summary>
public sealed record ModelRequest
{
    /// <summary>The network that weight-only formats (TorchSharp, .pt/.pth, .safetensors) are loaded into.</summary>
    public ArchitectureDescriptor? Architecture { get; init; }

    /// <summary>The graph input that takes the images (ONNX graphs with several inputs).</summary>
    public string? InputName { get; init; }

    /// <summary>
    /// The shape of the images the classifier will be given (the dataset's, on the command line): it fills a shape the file leaves
    /// symbolic; where the network takes another, an <see cref="InputAdapter"/> converts. Null: the network's own.
    /// </summary>
    public ImageShape? InputShape { get; init; }

    /// <summary>One name per output class; default the architecture's, for ONNX "0", "1", … .</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>What the model's scores are, where the file cannot say (no final Softmax/LogSoftmax).</summary>
    public ClassifierOutput? Output { get; init; }

    /// <summary>Per-channel normalization applied before the model (inside the wrapper), or null.</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>Per-channel standard deviation of the normalization, or null.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>Score an ONNX model through ONNX Runtime only, as a black box (no import, no gradients): only attacks that need none run.</summary>
    public bool BlackBox { get; init; }
}
