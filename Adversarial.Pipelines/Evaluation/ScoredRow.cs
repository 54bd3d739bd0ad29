namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>One scored image as ML.NET's evaluator reads it (types are set per model in the schema).</summary>
internal sealed class ScoredRow
{
    public uint Label { get; set; }

    public float[] Score { get; set; } = [];

    public uint PredictedLabel { get; set; }
}
