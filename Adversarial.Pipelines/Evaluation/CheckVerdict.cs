namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>The outcome of one evaluation check (by name in report.json).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CheckVerdict>))]
public enum CheckVerdict
{
    /// <summary>The evaluation behaves as a sound one should.</summary>
    Pass,

    /// <summary>A sign of a weak evaluation (gradient masking, too few steps): look before trusting the numbers.</summary>
    Warn,

    /// <summary>The check does not apply to this attack or model; the line says why.</summary>
    NotApplicable,
}
