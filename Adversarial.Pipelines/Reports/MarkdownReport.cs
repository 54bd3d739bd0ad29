using System.Globalization;
using System.Text;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>report.md: the table, the tests used and their p-values, the plots linked.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the report as Markdown.</summary>
    public static string Render(RobustnessReport report)
    {
        var sweep = report.Sweep;
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        string epsilons = string.Join(", ", sweep.Epsilons.Select(r => Eps(r.Epsilon)));
        md.AppendLine(inv, $"# Adversarial robustness: {sweep.Model} on {sweep.Dataset}").AppendLine();
        md.AppendLine(inv, $"- **Model**: {sweep.Model}, weights SHA-256 `{sweep.ModelSha256}`");
        if (sweep.CraftedOn is { } surrogate)
            md.AppendLine(inv, $"- **Transfer attack**: the images were crafted on the surrogate {surrogate} and scored by {sweep.Model}; every number below is {sweep.Model}'s, and attack success is the transfer success rate");
        if (sweep.InputAdapter is { } adapter)
            md.AppendLine(inv, $"- **Input adapter**: {adapter} (inside the classifier: ε and the saved images are in the data's own pixels)");
        string parameters = sweep.AttackParameters is { Count: > 0 } p
            ? " (" + string.Join(", ", p.Where(kv => kv.Key != AttackParameters.Budget).Select(kv => $"{kv.Key} {kv.Value}")) + ")"
            : "";
        string minimal = sweep.Epsilons.Any(r => r.Epsilon is null) ? "; \"minimal\": no budget, the smallest perturbation found" : "";
        string attackLine = $"- **Attack**: {Describe(sweep.Attack)}{(parameters == " ()" ? "" : parameters)}; ε ∈ {{{epsilons}}}{minimal}";
        md.AppendLine(attackLine);
        md.AppendLine(inv, $"- **Data**: {sweep.Dataset} test set, {sweep.Epsilons[0].Total} images");
        md.AppendLine(inv, $"- **Run**: {ToolInfo.Name} {report.ToolVersion}, seed {sweep.Seed}, batch {sweep.BatchSize}, {sweep.ParallelBatches} parallel batches on {sweep.Device}");
        if (sweep.SanityChecks is { } sanity)
            md.AppendLine(inv, $"- **Sanity checks**: {sanity.Describe()}");
        md.AppendLine();

        foreach (string warning in sweep.Warnings ?? [])
            md.AppendLine(inv, $"> **Warning**: {warning}").AppendLine();
        md.AppendLine("## Accuracy under attack").AppendLine();
        md.AppendLine("| ε | correct / total | accuracy | 95% CI (Wilson) | drop vs ε = 0 | 95% CI of drop (Newcombe) | attack success | b / c | McNemar p (one-sided, exact) | log-loss | mean confidence |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in sweep.Epsilons)
        {
            md.AppendLine(inv, $"| {Eps(r.Epsilon)} | {r.Correct} / {r.Total} | {r.Accuracy:0.0000} | [{r.AccuracyCi95Low:0.0000}, {r.AccuracyCi95High:0.0000}] " +
                $"| {r.AccuracyDrop:0.0000} | [{r.AccuracyDropCi95Low:0.0000}, {r.AccuracyDropCi95High:0.0000}] | {r.AttackSuccessRate:P1} " +
                $"| {r.CorrectToWrong} / {r.WrongToCorrect} | {PValue(r)} | {r.LogLoss:0.0000} | {r.MeanConfidence:0.000} |");
        }
        md.AppendLine();
        md.AppendLine("b = images correct on clean input and wrong after the attack, c = the reverse. Attack success = b / (images correct on clean input).").AppendLine();
        if (sweep.Epsilons.Any(r => r.Stages is not null))
        {
            md.AppendLine("## Robust accuracy after each stage").AppendLine();
            md.AppendLine("As the authors' AutoAttack prints it: each stage attacks the images every earlier stage left correct. Times are summed over batches.").AppendLine();
            md.AppendLine("| ε | stage | attacked | fooled | robust after | robust accuracy after | seconds |").AppendLine("|---|---|---|---|---|---|---|");
            foreach (var r in sweep.Epsilons.Where(r => r.Stages is not null))
            {
                foreach (var s in r.Stages!)
                    md.AppendLine(inv, $"| {Eps(r.Epsilon)} | {s.Stage} | {s.Attacked} | {s.Fooled} | {s.RobustAfter} / {r.Total} | {s.RobustAccuracyAfter:0.0000} | {s.Seconds:0.0} |");
            }
            md.AppendLine();
        }
        if (sweep.CraftedOn is not null || sweep.Epsilons.Any(r => r.Queries is not null))
        {
            md.AppendLine(sweep.CraftedOn is null ? "## Queries per image" : "## Transfer success and queries").AppendLine();
            md.AppendLine("| ε | attack success | 95% CI (Wilson) | queries per image: mean | median | max | median when fooled |").AppendLine("|---|---|---|---|---|---|---|");
            foreach (var r in sweep.Epsilons.Where(r => r.Epsilon is not 0))
            {
                string queries = r.Queries is { } q
                    ? string.Create(inv, $"{q.Mean:0.0} | {q.Median:0} | {q.Max} | {(q.MedianWhenFooled is { } f ? f.ToString("0", inv) : "–")}")
                    : "– | – | – | –";
                md.AppendLine(inv, $"| {Eps(r.Epsilon)} | {r.AttackSuccessRate:P1} | [{r.AttackSuccessRateCi95Low:P1}, {r.AttackSuccessRateCi95High:P1}] | {queries} |");
            }
            md.AppendLine();
        }
        if (sweep.Checks is { Count: > 0 } checks)
        {
            md.AppendLine("## Checks of the evaluation (Carlini et al., 2019)").AppendLine();
            md.AppendLine("| check | numbers | verdict |").AppendLine("|---|---|---|");
            foreach (var check in checks)
                md.AppendLine(inv, $"| {check.Name} | {check.Numbers} | {(check.Verdict switch { CheckVerdict.Pass => "pass", CheckVerdict.Warn => "**warn**", _ => "n/a" })} |");
            md.AppendLine().AppendLine(inv, $"Differences of up to {RobustnessChecks.TolerancePoints:0.#} point count as noise.").AppendLine();
        }

        if (report.Saved is { } saved)
        {
            md.AppendLine("## The saved dataset").AppendLine();
            md.AppendLine(inv, $"The attacked images were saved as 8-bit pixels (each value rounded to the nearest level, or one level toward the clean pixel where rounding would leave the ε-ball) and evaluated again after reloading them from disk: " +
                $"**{saved.Correct} / {saved.Total} = {saved.Accuracy:0.0000}** at ε = {Eps(saved.Epsilon)}, against {saved.InMemoryAccuracy:0.0000} in memory " +
                $"(difference {saved.Difference:+0.0000;-0.0000;0.0000}; {saved.ChangedPredictions} of {saved.Total} predictions changed by the quantization).").AppendLine();
        }

        var strongest = sweep.Epsilons[^1];
        if (strongest.Norms is { } norms)
        {
            md.AppendLine(inv, $"## Perturbation size at ε = {Eps(strongest.Epsilon)}").AppendLine();
            md.AppendLine("| norm | mean | max |").AppendLine("|---|---|---|");
            md.AppendLine(inv, $"| L∞ | {norms.LInfMean:0.0000} | {norms.LInfMax:0.0000} |");
            md.AppendLine(inv, $"| L2 | {norms.L2Mean:0.000} | {norms.L2Max:0.000} |");
            md.AppendLine(inv, $"| L2 quartiles (25/50/75%) | {string.Join(" / ", norms.L2Quartiles.Select(q => q.ToString("0.000", inv)))} | |");
            md.AppendLine(inv, $"| L0 (changed values) | {norms.L0Mean:0.0} | {norms.L0Max:0} |").AppendLine();
        }

        md.AppendLine(inv, $"## Accuracy per class at ε = {Eps(strongest.Epsilon)}").AppendLine();
        md.AppendLine("| class | images | clean accuracy | attacked accuracy | drop |").AppendLine("|---|---|---|---|---|");
        foreach (var c in strongest.PerClass)
            md.AppendLine(inv, $"| {c.Class} | {c.Total} | {c.CleanAccuracy:0.0000} | {c.Accuracy:0.0000} | {c.Drop:0.0000} |");
        md.AppendLine();

        md.AppendLine("## Method").AppendLine();
        md.AppendLine("Accuracy, micro/macro accuracy and log-loss come from ML.NET's `MulticlassClassification.Evaluate`. " +
            "The 95% interval of each accuracy is the Wilson score interval. The drop is paired (the same images before and after the attack); " +
            "its 95% interval is Newcombe's method 10 for paired proportions (Newcombe 1998, Stat. Med. 17:2635). " +
            "The p-value is the exact McNemar test of the one-sided hypothesis that accuracy under attack is lower: " +
            "conditional on the b + c discordant images, b ~ Binomial(b + c, 1/2) under the null, p = P(X ≥ b); " +
            "values below 1e-308 are given as powers of ten.").AppendLine();

        if (report.Plots.Count > 0)
        {
            md.AppendLine("## Plots").AppendLine();
            foreach (string plot in report.Plots.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
                md.AppendLine(inv, $"![{Path.GetFileNameWithoutExtension(plot)}]({plot})").AppendLine();
        }
        return md.ToString();
    }

    /// <summary>Renders the report of one sweep over several datasets: a table per dataset and the shared plot.</summary>
    public static string RenderComparison(SweepReport report, IReadOnlyList<string> reportFolders)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var sweeps = report.Datasets;
        md.AppendLine(inv, $"# Adversarial robustness on {string.Join(" and ", sweeps.Select(s => s.Dataset))}").AppendLine();
        md.AppendLine(inv, $"- **Attack**: {Describe(sweeps[0].Attack)}; seed {sweeps[0].Seed}");
        for (int i = 0; i < sweeps.Count; i++)
        {
            string adapter = sweeps[i].InputAdapter is { } a ? $", input adapter {a}" : "";
            md.AppendLine(inv, $"- **{sweeps[i].Dataset}**: {sweeps[i].Model}, {sweeps[i].Epsilons[0].Total} test images{adapter}; full report: [{reportFolders[i]}/report.md]({reportFolders[i]}/report.md)");
        }
        md.AppendLine();
        foreach (var sweep in sweeps)
        {
            md.AppendLine(inv, $"## {sweep.Dataset}: {sweep.Model}").AppendLine();
            md.AppendLine("| ε | correct / total | accuracy | 95% CI (Wilson) | drop vs ε = 0 | McNemar p (one-sided, exact) |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var r in sweep.Epsilons)
                md.AppendLine(inv, $"| {Eps(r.Epsilon)} | {r.Correct} / {r.Total} | {r.Accuracy:0.0000} | [{r.AccuracyCi95Low:0.0000}, {r.AccuracyCi95High:0.0000}] | {r.AccuracyDrop:0.0000} | {PValue(r)} |");
            md.AppendLine();
        }
        foreach (string plot in (report.Plots ?? []).Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
            md.AppendLine("## Both datasets").AppendLine().AppendLine(inv, $"![{Path.GetFileNameWithoutExtension(plot)}]({plot})").AppendLine();
        return md.ToString();
    }

    private static string Describe(string attack) => AttackRegistry.All.Find(attack)?.Title ?? attack;

    private static string Eps(double? epsilon) => epsilon?.ToString("0.####", CultureInfo.InvariantCulture) ?? "minimal";

    private static string PValue(EpsilonResult r) => r.CorrectToWrong + r.WrongToCorrect == 0
        ? "1"
        : r.McnemarPValue > 0
            ? r.McnemarPValue.ToString("0.###e+00", CultureInfo.InvariantCulture)
            : $"10^{r.McnemarLog10PValue.ToString("0.0", CultureInfo.InvariantCulture)}";
}
