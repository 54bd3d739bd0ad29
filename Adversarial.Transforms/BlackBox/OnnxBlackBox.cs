using Microsoft.ML;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.BlackBox;

/// <summary>
/// An ONNX image classifier as a black box: ONNX Runtime scores it inside ML.NET (<c>ApplyOnnxModel</c>), nothing is imported
/// into TorchSharp and no gradient exists, so it runs any graph ONNX Runtime runs. Only attacks that need no gradients apply.
/// </summary>
public static class OnnxBlackBox
{
    /// <summary>The model as a black-box classifier: input from the graph (else the request's image shape), output kind from a final
    /// Softmax/LogSoftmax (else the request, else logits), class names from the request (else "0"…).</summary>
    /// <exception cref="ArgumentException">The graph has no single float image input of channels-first shape, or the request contradicts it.</exception>
    public static TorchImageClassifier Load(string path, ModelRequest? request = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        request ??= new ModelRequest();
        if (request.Mean is not null || request.Std is not null)
            throw new ArgumentException($"{path}: a normalization cannot go in front of a black box scored by ONNX Runtime; put it in the graph.");
        var graph = OnnxGraphInfo.Read(path, request.InputName);
        var shape = Shape(path, graph.InputDims, request.InputShape);
        var kind = graph.LastOperator switch
        {
            "Softmax" => ClassifierOutput.Probabilities,
            "LogSoftmax" => ClassifierOutput.LogProbabilities,
            _ => request.Output ?? ClassifierOutput.Logits,
        };
        if (request.Output is { } asked && asked != kind)
            throw new ArgumentException($"{path} ends in {graph.LastOperator}, so its scores are {kind}, not {asked}.");
        var ml = new MLContext(seed: 0);
        var inputSchema = ImageSchema(shape);
        var pipeline = ml.Transforms.CopyColumns(graph.InputName, AdversarialColumns.Image)
            .Append(ml.Transforms.ApplyOnnxModel([graph.OutputName], [graph.InputName], path,
                shapeDictionary: new Dictionary<string, int[]> { [graph.InputName] = [1, shape.Channels, shape.Height, shape.Width] },
                gpuDeviceId: null, fallbackToCpu: false));
        var model = pipeline.Fit(new OracleInputView(inputSchema, 0, [], shape.Size));
        var oracle = new MlNetScoreOracle(model, inputSchema, shape, new MlNetOracleOptions
        {
            ScoreColumnName = graph.OutputName, ScoreKind = kind, ClassCount = request.ClassNames?.Count,
        });
        return BlackBoxClassifier.Create(oracle, shape, Path.GetFileNameWithoutExtension(path), request.ClassNames,
            TorchImageClassifier.Sha256Of(path), device);
    }

    internal static DataViewSchema ImageSchema(ImageShape shape)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(AdversarialColumns.Image, new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, shape.Dimensions));
        return builder.ToSchema();
    }

    private static ImageShape Shape(string path, IReadOnlyList<long> dims, ImageShape? fallback)
    {
        if (dims.Count != 4)
            throw new ArgumentException($"{path}: the image input has {dims.Count} dimensions; an image classifier takes 4 (batch, channels, height, width).");
        if (dims[3] is 1 or 3 && dims[1] is not (1 or 3))
            throw new ArgumentException($"{path} takes channels-last images [{string.Join(", ", dims)}]; as a black box it must take them channels first.");
        if (dims[1] > 0 && dims[2] > 0 && dims[3] > 0)
        {
            var fixedShape = new ImageShape((int)dims[1], (int)dims[2], (int)dims[3]);
            if (fallback is not null && fallback != fixedShape)
                throw new ArgumentException($"{path} takes {fixedShape} images, not the data's {fallback}; a black box gets no input adapter.");
            return fixedShape;
        }
        return fallback ?? throw new ArgumentException($"{path}: the image input's shape [{string.Join(", ", dims)}] is symbolic beyond the batch; give the image shape.");
    }
}
