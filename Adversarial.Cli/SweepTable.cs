using System.Globalization;
using MlNetAdversarial.Pipelines.Evaluation;

namespace MlNetAdversarial.Cli;

/// <summary>The PyTorch FGSM tutorial's table, each row followed by our metrics.</summary>
internal static class SweepTable
{
    public static IEnumerable<string> Lines(SweepResult result)
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Dataset: {result.Dataset}   Model: {result.Model} (sha256 {Short(result.ModelSha256)})   Attack: {result.Attack}   Seed: {result.Seed}   Batch: {result.BatchSize}   Parallel batches: {result.ParallelBatches}   Device: {result.Device}");
        if (result.CraftedOn is { } surrogate)
            yield return $"Transfer attack: crafted on {surrogate}, scored by {result.Model}";
        if (result.AttackParameters is { Count: > 0 } parameters)
            yield return "Attack parameters: " + string.Join(", ", parameters.Select(p => $"{p.Key} {p.Value}"));
        foreach (var row in result.Epsilons)
            yield return Line(row);
        foreach (var row in result.Epsilons.Where(r => r.Epsilon is not 0 && (result.CraftedOn is not null || r.Queries is not null)))
            yield return Extra(row, result.CraftedOn is not null);
        foreach (var row in result.Epsilons.Where(r => r.Epsilon is null && r.Norms is not null))
        {
            var n = row.Norms!;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Perturbation L2 per image: mean {n.L2Mean:0.000}, quartiles {n.L2Quartiles[0]:0.000} / {n.L2Quartiles[1]:0.000} / {n.L2Quartiles[2]:0.000}, max {n.L2Max:0.000}; L-inf mean {n.LInfMean:0.000}");
        }
        foreach (var row in result.Epsilons.Where(r => r.Stages is not null))
            yield return $"Robust after each stage at epsilon {EpsilonText(row.Epsilon)}: " + string.Join(" → ", row.Stages!.Select(s =>
                string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.RobustAfter} / {row.Total} = {s.RobustAccuracyAfter:0.0000} ({s.Seconds:0.0} s)")));
        foreach (string warning in result.Warnings ?? [])
            yield return "WARNING: " + warning;
        if (result.SanityChecks is { } sanity)
            yield return $"Sanity checks: {sanity.Describe()}";
        foreach (var check in result.Checks ?? [])
            yield return $"Check ({Verdict(check.Verdict)}): {check.Name}: {check.Numbers}";
        yield return "CI95: Wilson score interval. McNemar: exact one-sided test of 'accuracy at epsilon < accuracy at epsilon 0' on paired per-image outcomes.";
    }

    public static string Line(EpsilonResult row) => string.Create(CultureInfo.InvariantCulture,
        $"Epsilon: {EpsilonText(row.Epsilon),-6}\tTest Accuracy = {row.Correct} / {row.Total} = {row.Accuracy:0.0000}" +
        $"   CI95 [{row.AccuracyCi95Low:0.0000}, {row.AccuracyCi95High:0.0000}]" +
        $"   micro-acc {row.MicroAccuracy:0.0000}   macro-acc {row.MacroAccuracy:0.0000}   log-loss {row.LogLoss:0.0000}" +
        $"   McNemar p {PValue(row)}");

    // A transfer attack's success rate on the target, and what a score- or decision-based attack paid in queries.
    private static string Extra(EpsilonResult row, bool transfer)
    {
        string success = transfer
            ? string.Create(CultureInfo.InvariantCulture, $"transfer success {row.AttackSuccessRate:0.0000} CI95 [{row.AttackSuccessRateCi95Low:0.0000}, {row.AttackSuccessRateCi95High:0.0000}]")
            : "";
        string queries = row.Queries is { } q
            ? string.Create(CultureInfo.InvariantCulture, $"queries per image: mean {q.Mean:0.0}, median {q.Median:0}, max {q.Max}")
                + (q.MedianWhenFooled is { } fooled ? string.Create(CultureInfo.InvariantCulture, $", median when fooled {fooled:0}") : "")
            : "";
        return $"Epsilon: {EpsilonText(row.Epsilon),-6}\t" + string.Join("   ", new[] { success, queries }.Where(t => t.Length > 0));
    }

    private static string Verdict(CheckVerdict verdict) => verdict switch
    {
        CheckVerdict.Pass => "pass",
        CheckVerdict.Warn => "WARN",
        _ => "n/a",
    };

    private static string EpsilonText(double? epsilon) =>
        epsilon?.ToString("0.####", CultureInfo.InvariantCulture) ?? "minimal";

    private static string PValue(EpsilonResult row)
    {
        if (row.CorrectToWrong + row.WrongToCorrect == 0)
            return "= 1 (no discordant pairs)";
        return row.McnemarPValue > 0
            ? string.Create(CultureInfo.InvariantCulture, $"= {row.McnemarPValue:0.###e+00}")
            : string.Create(CultureInfo.InvariantCulture, $"= 10^{row.McnemarLog10PValue:0.0}");
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
