using MlNetAdversarial.Pipelines.Statistics;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>The model on the attacked dataset at one ε, compared image by image with the clean dataset.</summary>
/// <param name="Epsilon">ε; null for minimal-perturbation attacks (DeepFool, CW), which have no budget.</param>
/// <param name="Correct">Images classified correctly.</param>
/// <param name="Total">Images.</param>
/// <param name="Accuracy">Correct / Total.</param>
/// <param name="AccuracyCi95Low">Wilson 95% interval, low end.</param>
/// <param name="AccuracyCi95High">Wilson 95% interval, high end.</param>
/// <param name="MicroAccuracy">ML.NET MulticlassClassificationMetrics.MicroAccuracy.</param>
/// <param name="MacroAccuracy">ML.NET MulticlassClassificationMetrics.MacroAccuracy.</param>
/// <param name="LogLoss">ML.NET MulticlassClassificationMetrics.LogLoss.</param>
/// <param name="CorrectToWrong">Discordant pairs: correct clean, wrong attacked (McNemar's b).</param>
/// <param name="WrongToCorrect">Discordant pairs: wrong clean, correct attacked (McNemar's c).</param>
/// <param name="McnemarPValue">Exact one-sided McNemar p-value of "accuracy attacked is lower than clean".</param>
/// <param name="McnemarLog10PValue">log10 of <paramref name="McnemarPValue"/>, finite where it underflows.</param>
/// <param name="McnemarTwoSidedPValue">Exact two-sided McNemar p-value.</param>
/// <param name="AccuracyDrop">Clean accuracy − attacked accuracy.</param>
/// <param name="AccuracyDropCi95Low">Newcombe (method 10) 95% interval of the paired drop, low end.</param>
/// <param name="AccuracyDropCi95High">Newcombe (method 10) 95% interval of the paired drop, high end.</param>
/// <param name="AttackSuccessRate">Share of the clean-correct images that the attack made wrong.</param>
/// <param name="MeanCleanConfidence">Mean top-class probability on the clean images.</param>
/// <param name="MeanConfidence">Mean top-class probability on the attacked images.</param>
/// <param name="PerClass">Accuracy per class, clean and attacked.</param>
/// <param name="ConfusionMatrix">Counts [true class][predicted class] on the attacked images.</param>
/// <param name="Norms">Perturbation sizes, where the images were at hand.</param>
/// <param name="AttackSuccessRateCi95Low">Wilson 95% interval of <paramref name="AttackSuccessRate"/>, low end (for a transfer attack: the transfer success rate).</param>
/// <param name="AttackSuccessRateCi95High">Wilson 95% interval of <paramref name="AttackSuccessRate"/>, high end.</param>
/// <param name="Queries">Model queries per image, for score- and decision-based attacks; else null.</param>
public sealed record EpsilonResult(
    double? Epsilon,
    int Correct,
    int Total,
    double Accuracy,
    double AccuracyCi95Low,
    double AccuracyCi95High,
    double MicroAccuracy,
    double MacroAccuracy,
    double LogLoss,
    long CorrectToWrong,
    long WrongToCorrect,
    double McnemarPValue,
    double McnemarLog10PValue,
    double McnemarTwoSidedPValue,
    double AccuracyDrop,
    double AccuracyDropCi95Low,
    double AccuracyDropCi95High,
    double AttackSuccessRate,
    double MeanCleanConfidence,
    double MeanConfidence,
    IReadOnlyList<ClassAccuracy> PerClass,
    IReadOnlyList<int[]> ConfusionMatrix,
    PerturbationNorms? Norms = null,
    double AttackSuccessRateCi95Low = 0,
    double AttackSuccessRateCi95High = 0,
    QuerySummary? Queries = null)
{
    /// <summary>
    /// For a staged attack (AutoAttack), each stage in order: images it attacked, images it fooled, images still robust after
    /// it (the authors' "robust accuracy after" each attack) and its time summed over batches; null for other attacks.
    /// </summary>
    public IReadOnlyList<StageSummary>? Stages { get; init; }
}
