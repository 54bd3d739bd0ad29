using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.BlackBox;

/// <summary>
/// Any ML.NET model as a black box: an <see cref="ITransformer"/> that maps an image column to a Score vector (an
/// <c>ApplyOnnxModel</c> pipeline, a trainer fitted on pixels, a model loaded from a .zip) queried on batches of images,
/// counting every image scored. Attacks see its scores, never a gradient.
/// </summary>
public sealed class MlNetScoreOracle : IScoreOracle
{
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly int _imageColumnIndex;
    private readonly string _scoreColumn;
    private readonly ClassifierOutput _scoreKind;
    private long _queries;

    /// <summary>Checks the model's schema and wraps it.</summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="inputSchema">The schema it was fitted on (<c>ml.Model.Load(path, out schema)</c>, or the training data's).</param>
    /// <param name="imageShape">The images' shape.</param>
    /// <param name="options">Columns and score kind; default: Image in, Score (probabilities) out.</param>
    /// <exception cref="ArgumentException">
    /// The input has no image column of <paramref name="imageShape"/>'s size, the output has no Score column, or its Score is not a
    /// float vector of a known length (of <see cref="MlNetOracleOptions.ClassCount"/> when given).
    /// </exception>
    public MlNetScoreOracle(ITransformer model, DataViewSchema inputSchema, ImageShape imageShape, MlNetOracleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(imageShape);
        options ??= new MlNetOracleOptions();
        SchemaChecks.CheckImage(inputSchema, options.ImageColumnName, imageShape);
        var output = model.GetOutputSchema(inputSchema);
        var score = output.GetColumnOrNull(options.ScoreColumnName) ?? throw new ArgumentException(
            $"The model gives no column '{options.ScoreColumnName}' (it gives: {string.Join(", ", output.Where(c => !c.IsHidden).Select(c => c.Name))}); "
            + "an oracle needs one score per class: name the score column.", nameof(model));
        if (score.Type is not VectorDataViewType { ItemType: NumberDataViewType item, Size: > 0 } vector || item.RawType != typeof(float))
            throw new ArgumentException($"Column '{options.ScoreColumnName}': expected Vector<Single> of one score per class, got {score.Type}.", nameof(model));
        if (options.ClassCount is { } classes && classes != vector.Size)
            throw new ArgumentException($"Column '{options.ScoreColumnName}' has {vector.Size} scores, but there are {classes} classes: "
                + "the model was not trained on these classes.", nameof(model));
        if (vector.Size < 2)
            throw new ArgumentException($"Column '{options.ScoreColumnName}' has {vector.Size} score; a classifier gives one per class, at least 2.", nameof(model));
        (_model, _inputSchema, InputShape, _scoreColumn, _scoreKind) = (model, inputSchema, imageShape, score.Name, options.ScoreKind);
        _imageColumnIndex = inputSchema[options.ImageColumnName].Index;
        ClassCount = vector.Size;
        SlotNames = SlotNamesOf(score);
    }

    /// <inheritdoc />
    public int ClassCount { get; }

    /// <summary>The images' shape.</summary>
    public ImageShape InputShape { get; }

    /// <summary>The Score column's slot names (the class names a trainer recorded), or null.</summary>
    public IReadOnlyList<string>? SlotNames { get; }

    /// <summary>Images scored so far.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <inheritdoc />
    public Tensor Scores(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        int n = (int)images.shape[0], size = InputShape.Size;
        if (images.numel() != (long)n * size)
            throw new ArgumentException($"Expected images of {InputShape} ({size} values each); got shape [{string.Join(", ", images.shape)}].", nameof(images));
        float[] pixels = MemoryMarshal.Cast<byte, float>(images.detach().cpu().to_type(ScalarType.Float32).contiguous().bytes).ToArray();
        Interlocked.Add(ref _queries, n);
        var scored = _model.Transform(new OracleInputView(_inputSchema, _imageColumnIndex, pixels, size));
        var column = scored.Schema[_scoreColumn];
        var scores = new float[(long)n * ClassCount];
        using (var cursor = scored.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> row = default;
            for (int i = 0; cursor.MoveNext(); i++)
            {
                getter(ref row);
                row.DenseValues().ToArray().CopyTo(scores, (long)i * ClassCount);
            }
        }
        var raw = tensor(scores, [n, ClassCount], device: images.device);
        var logProbabilities = _scoreKind switch
        {
            ClassifierOutput.Logits => nn.functional.log_softmax(raw, 1),
            ClassifierOutput.LogProbabilities => raw,
            _ => raw.clamp_min(Scalars.Of(float.Epsilon)).log(),
        };
        return logProbabilities.MoveToOuterDisposeScope();
    }

    private static string[]? SlotNamesOf(DataViewSchema.Column score)
    {
        if (!score.HasSlotNames())
            return null;
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var values = names.DenseValues().Select(n => n.ToString()).ToArray();
        return values.Length == 0 || values.Any(string.IsNullOrEmpty) ? null : values;
    }
}
