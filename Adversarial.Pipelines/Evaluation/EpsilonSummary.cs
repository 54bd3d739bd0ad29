using Microsoft.ML;
using MlNetAdversarial.Pipelines.Statistics;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Compares attacked predictions with clean ones image by image: ML.NET's multiclass metrics, Wilson
/// and Newcombe intervals, the exact McNemar test, success rate, confidence, per-class accuracy.
/// </summary>
internal static class EpsilonSummary
{
    public static EpsilonResult Summarize(MLContext ml, double? epsilon, ScoredColumns attacked, ScoredColumns clean,
        IReadOnlyList<string> classNames, PerturbationNorms? norms = null, IReadOnlyList<long>? queries = null)
    {
        int total = attacked.Count;
        if (total == 0 || clean.Count != total)
            throw new InvalidOperationException($"Cannot compare {total} attacked with {clean.Count} clean predictions.");
        long both = 0, correctToWrong = 0, wrongToCorrect = 0, neither = 0;
        double cleanConfidence = 0, confidence = 0;
        int classes = classNames.Count;
        var classTotals = new int[classes];
        var classClean = new int[classes];
        var classAttacked = new int[classes];
        for (int i = 0; i < total; i++)
        {
            bool before = clean.IsCorrect(i), now = attacked.IsCorrect(i);
            both += before && now ? 1 : 0;
            correctToWrong += before && !now ? 1 : 0;
            wrongToCorrect += !before && now ? 1 : 0;
            neither += !before && !now ? 1 : 0;
            cleanConfidence += clean.Confidence(i);
            confidence += attacked.Confidence(i);
            int label = (int)attacked.Label(i) - 1;
            classTotals[label]++;
            classClean[label] += before ? 1 : 0;
            classAttacked[label] += now ? 1 : 0;
        }
        int correct = (int)(both + wrongToCorrect);
        var metrics = ml.MulticlassClassification.Evaluate(attacked.ToDataView(ml));
        var (low, high) = WilsonInterval.Compute(correct, total);
        var (drop, dropLow, dropHigh) = NewcombePairedInterval.Compute(both, correctToWrong, wrongToCorrect, neither);
        long cleanCorrect = both + correctToWrong;
        var (successLow, successHigh) = cleanCorrect == 0 ? (0.0, 0.0) : WilsonInterval.Compute((int)correctToWrong, (int)cleanCorrect);
        var querySummary = queries is null ? null
            : QuerySummary.Of(queries, Enumerable.Range(0, total).Select(i => !attacked.IsCorrect(i)).ToArray());
        var perClass = Enumerable.Range(0, classes).Select(k => new ClassAccuracy(classNames[k], classTotals[k], classClean[k],
            classAttacked[k], Ratio(classClean[k], classTotals[k]), Ratio(classAttacked[k], classTotals[k]),
            Ratio(classClean[k] - classAttacked[k], classTotals[k]))).ToArray();
        var confusion = Enumerable.Range(0, classes).Select(t => Enumerable.Range(0, classes)
            .Select(p => (int)metrics.ConfusionMatrix.Counts[t][p]).ToArray()).ToArray();
        return new EpsilonResult(epsilon, correct, total, (double)correct / total, low, high,
            metrics.MicroAccuracy, metrics.MacroAccuracy, metrics.LogLoss, correctToWrong, wrongToCorrect,
            McNemarExact.OneSidedWorse(correctToWrong, wrongToCorrect),
            McNemarExact.Log10OneSidedWorse(correctToWrong, wrongToCorrect),
            McNemarExact.TwoSided(correctToWrong, wrongToCorrect),
            drop, dropLow, dropHigh, Ratio(correctToWrong, cleanCorrect), cleanConfidence / total, confidence / total,
            perClass, confusion, norms, successLow, successHigh, querySummary);
    }

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
