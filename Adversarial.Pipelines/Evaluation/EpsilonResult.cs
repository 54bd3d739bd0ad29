namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>The model on the FGSM dataset at one ε, compared with the clean dataset (ε = 0).</summary>
/// <param name="Epsilon">ε.</param>
/// <param name="Correct">Images classified correctly.</param>
/// <param name="Total">Images.</param>
/// <param name="Accuracy">Correct / Total.</param>
/// <param name="AccuracyCi95Low">Wilson 95% interval, low end.</param>
/// <param name="AccuracyCi95High">Wilson 95% interval, high end.</param>
/// <param name="MicroAccuracy">ML.NET MulticlassClassificationMetrics.MicroAccuracy.</param>
/// <param name="MacroAccuracy">ML.NET MulticlassClassificationMetrics.MacroAccuracy.</param>
/// <param name="LogLoss">ML.NET MulticlassClassificationMetrics.LogLoss.</param>
/// <param name="CorrectToWrong">Discordant pairs: correct at ε = 0, wrong at ε (McNemar's b).</param>
/// <param name="WrongToCorrect">Discordant pairs: wrong at ε = 0, correct at ε (McNemar's c).</param>
/// <param name="McnemarPValue">Exact one-sided McNemar p-value of "accuracy at ε is lower than at ε = 0".</param>
/// <param name="McnemarLog10PValue">log10 of <paramref name="McnemarPValue"/>, finite where it underflows.</param>
/// <param name="McnemarTwoSidedPValue">Exact two-sided McNemar p-value.</param>
public sealed record EpsilonResult(
    double Epsilon,
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
    double McnemarTwoSidedPValue);
