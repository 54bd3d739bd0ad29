using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Statistics;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Per-ε outcomes of a sweep: labels, predictions and confidences in memory (12 bytes an image), the
/// class scores spilled to a temporary file until ML.NET's evaluator reads them back as a data view,
/// so memory stays flat in the size of the dataset.
/// </summary>
/// <param name="classCount">Classes per score vector.</param>
/// <param name="expectedRows">Rows to reserve room for (0 if unknown), so the lists never double while copying.</param>
internal sealed class ScoredColumns(int classCount, long expectedRows = 0) : IDisposable
{
    private readonly List<uint> _labels = new(Reserve(expectedRows));
    private readonly List<uint> _predicted = new(Reserve(expectedRows));
    private readonly List<float> _confidence = new(Reserve(expectedRows));
    private readonly SpilledFloatRows _scores = new(classCount);

    public int Count => _labels.Count;

    public IReadOnlyList<uint> Labels => _labels;

    public IReadOnlyList<uint> Predictions => _predicted;

    /// <summary>Class probabilities, row after row (Count × ClassCount), read back from the spill file.</summary>
    public float[] Scores() => _scores.ToArray();

    public uint Label(int row) => _labels[row];

    public uint Predicted(int row) => _predicted[row];

    public int ClassCount => classCount;

    public bool IsCorrect(int row) => _predicted[row] == _labels[row];

    /// <summary>Probability of the predicted class.</summary>
    public float Confidence(int row) => _confidence[row];

    private static int Reserve(long rows) => (int)Math.Clamp(rows, 0, Array.MaxLength);

    public void Add(uint label, ReadOnlySpan<float> scores, uint predicted)
    {
        _labels.Add(label);
        _scores.Append(scores);
        _predicted.Add(predicted);
        float best = 0;
        foreach (float score in scores)
            best = Math.Max(best, score);
        _confidence.Add(best);
    }

    /// <summary>Closes (and so deletes) the spill file.</summary>
    public void Dispose() => _scores.Dispose();

    public IDataView ToDataView(MLContext ml)
    {
        var definition = SchemaDefinition.Create(typeof(ScoredRow));
        definition[nameof(ScoredRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classCount);
        definition[nameof(ScoredRow.PredictedLabel)].ColumnType = new KeyDataViewType(typeof(uint), classCount);
        definition[nameof(ScoredRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classCount);
        return ml.Data.LoadFromEnumerable(Rows(), definition);
    }

    // Keys are stored as ML.NET serves them (1-based, 0 = missing); a class field bound to a key
    // column holds the 0-based index instead, so each is shifted by one here.
    private IEnumerable<ScoredRow> Rows()
    {
        int i = 0;
        foreach (float[] scores in _scores.Rows())
        {
            yield return new ScoredRow { Label = _labels[i] - 1, Score = scores, PredictedLabel = _predicted[i] - 1 };
            i++;
        }
    }
}
