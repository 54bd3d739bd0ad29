using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Per-ε scores of a sweep, kept compactly until ML.NET's evaluator reads them back as a data view.
/// </summary>
internal sealed class ScoredColumns(int classCount)
{
    private readonly List<uint> _labels = [];
    private readonly List<float> _scores = [];
    private readonly List<uint> _predicted = [];

    public int Count => _labels.Count;

    public IReadOnlyList<uint> Labels => _labels;

    public IReadOnlyList<uint> Predictions => _predicted;

    /// <summary>Class probabilities, row after row (Count × ClassCount).</summary>
    public IReadOnlyList<float> Scores => _scores;

    public uint Label(int row) => _labels[row];

    public uint Predicted(int row) => _predicted[row];

    public int ClassCount => classCount;

    public bool IsCorrect(int row) => _predicted[row] == _labels[row];

    /// <summary>Probability of the predicted class.</summary>
    public float Confidence(int row)
    {
        float best = 0;
        for (int k = 0; k < classCount; k++)
            best = Math.Max(best, _scores[row * classCount + k]);
        return best;
    }

    public void Add(uint label, ReadOnlySpan<float> scores, uint predicted)
    {
        _labels.Add(label);
        foreach (float score in scores)
            _scores.Add(score);
        _predicted.Add(predicted);
    }

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
        for (int i = 0; i < _labels.Count; i++)
        {
            yield return new ScoredRow
            {
                Label = _labels[i] - 1,
                Score = _scores.GetRange(i * classCount, classCount).ToArray(),
                PredictedLabel = _predicted[i] - 1,
            };
        }
    }
}
