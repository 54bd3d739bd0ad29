using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>An ONNX image classifier as a <see cref="TorchImageClassifier"/>: every white-box attack runs on it.</summary>
public static class OnnxClassifier
{
    /// <summary>Imports the model and wraps it: input shape and layout from the graph (else the request), output kind from a final
    /// Softmax/LogSoftmax (else the request, else logits), class names from the request (else "0"…); an <see cref="InputAdapter"/>
    /// in front when the request's image shape is not the one the graph fixes.</summary>
    /// <exception cref="OnnxUnsupportedException">Some node cannot be imported (all are listed).</exception>
    /// <exception cref="ArgumentException">The request contradicts the file, or the file leaves the image shape open and the request does too.</exception>
    public static TorchImageClassifier Load(string path, ModelRequest? request = null, Device? device = null)
    {
        request ??= new ModelRequest();
        if (request.Architecture is not null)
            throw new ArgumentException($"{path} is an ONNX model, which holds its own network: an architecture does not apply.");
        TorchRuntime.EnsureInitialized(device);
        var model = OnnxImporter.Load(path, request.InputName);
        if (model.InputNames.Count != 1)
            throw new ArgumentException($"{path} takes {model.InputNames.Count} inputs ({string.Join(", ", model.InputNames)}); an image classifier takes one image input.");
        if (model.InputElementType != global::Onnx.TensorProto.Types.DataType.Float)
            throw new ArgumentException($"{path}: the input '{model.InputNames[0]}' holds {model.InputElementType}; an image classifier takes float pixels.");
        var (shape, channelsLast) = Shape(path, model.InputDims, request.InputShape);
        var images = request.InputShape ?? shape;
        var adapter = InputAdapter.Between(images, shape);
        var network = channelsLast ? new NhwcInput(model.Module) : model.Module;
        network.eval();
        var output = model.Output;
        if (request.Output is { } asked && asked != output)
        {
            if (output != ClassifierOutput.Logits)
                throw new ArgumentException($"{path} ends in {(output == ClassifierOutput.Probabilities ? "Softmax" : "LogSoftmax")}, so its scores are {output}, not {asked}.");
            output = asked;
        }
        int classes;
        using (no_grad())
        using (var probe = network.call(zeros(shape.BatchShape(1))))
            classes = (int)probe.shape[^1];
        var names = request.ClassNames ?? Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (names.Count != classes)
            throw new ArgumentException($"{names.Count} class names given, but {path} gives {classes} scores.");
        return new TorchImageClassifier(network, images, names, output, Path.GetFileNameWithoutExtension(path),
            TorchImageClassifier.Sha256Of(path), request.Mean, request.Std, "onnx", device, adapter);
    }

    /// <summary>The image shape (channels first) and whether the graph takes channels last.</summary>
    private static (ImageShape Shape, bool ChannelsLast) Shape(string path, IReadOnlyList<long> dims, ImageShape? fallback)
    {
        if (dims.Count != 4)
            throw new ArgumentException($"{path}: the image input has {dims.Count} dimensions; an image classifier takes 4 (batch, and channels, height and width in some order).");
        bool channelsLast = dims[3] is 1 or 3 && dims[1] is not (1 or 3);
        long c = channelsLast ? dims[3] : dims[1], h = channelsLast ? dims[1] : dims[2], w = channelsLast ? dims[2] : dims[3];
        if (c > 0 && h > 0 && w > 0)
            return (new ImageShape((int)c, (int)h, (int)w), channelsLast);
        // What the file fixes stays (one grey channel of any size takes colour images through the adapter); the rest is the request's.
        return fallback is not null
            ? (new ImageShape(c > 0 ? (int)c : fallback.Channels, h > 0 ? (int)h : fallback.Height, w > 0 ? (int)w : fallback.Width), channelsLast)
            : throw new ArgumentException($"{path}: the image input's shape [{string.Join(", ", dims)}] is symbolic beyond the batch; give the image shape.");
    }
}
