namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>One line of the checks of Carlini et al. (2019): what was checked, its numbers, and the verdict.</summary>
/// <param name="Name">The check, e.g. "doubled steps and restarts".</param>
/// <param name="Numbers">The measurements behind the verdict, in words.</param>
/// <param name="Verdict">Pass, warn, or not applicable.</param>
public sealed record EvaluationCheck(string Name, string Numbers, CheckVerdict Verdict);
