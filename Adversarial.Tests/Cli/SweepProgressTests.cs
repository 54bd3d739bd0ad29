using MlNetAdversarial.Cli;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Tests.Cli;

public sealed class SweepProgressTests
{
    private static string[] Log(Action<SweepProgress, IProgress<long>> run, long rows = 1000, int budgets = 1)
    {
        var previous = Console.Error;
        using var writer = new StringWriter();
        Console.SetError(writer);
        try
        {
            var display = new SweepProgress("autoattack sweep of mnist", rows, budgets, interactive: false);
            display.Run(progress =>
            {
                run(display, progress);
                return 0;
            });
        }
        finally
        {
            Console.SetError(previous);
        }
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static AttackStageReport Stage(AttackStagePhase phase, long firstRow, string stage, int index, int attacked, int fooled = 0) =>
        new(phase, 0.3, firstRow, 100, stage, index, 4, attacked, Fooled: fooled, Robust: attacked - fooled, Seconds: phase == AttackStagePhase.Finished ? 12.5 : 0);

    [Fact]
    public void ALogGetsOneLinePerTenthOfTheRowsNotOnePerRow()
    {
        var lines = Log((_, rows) =>
        {
            for (long done = 0; done <= 1000; done++)
                rows.Report(done);
        });
        Assert.Equal(10, lines.Length);
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.StartsWith("autoattack sweep of mnist: 100 of 1000 images (10%)", lines[0]);
        Assert.StartsWith("autoattack sweep of mnist: 1000 of 1000 images (100%)", lines[^1]);
    }

    [Fact]
    public void ALogGetsALinePerFinishedStageWithTheRobustAccuracySoFarAndItsInterval()
    {
        var lines = Log((display, _) =>
        {
            display.Report(Stage(AttackStagePhase.Started, 0, "apgd-ce", 0, 98));
            display.Report(Stage(AttackStagePhase.Finished, 0, "apgd-ce", 0, 98, fooled: 8));
            display.Report(Stage(AttackStagePhase.Step, 0, "apgd-t", 1, 90) with { Step = "target 3/9" });
            display.Report(Stage(AttackStagePhase.Finished, 0, "apgd-t", 1, 90, fooled: 2));
            display.Report(new AttackStageReport(AttackStagePhase.BatchDone, 0.3, 0, 100, "", 4, 4, 0, Robust: 88));
            display.Report(Stage(AttackStagePhase.Finished, 100, "apgd-ce", 0, 97, fooled: 7));
        });
        Assert.Equal(3, lines.Length);
        Assert.Equal("ε 0.3, rows 0–99: apgd-ce (1/4), 98 image(s) attacked: fooled 8 of 98 in 12.5 s, 90 robust · robust accuracy: after the first batch · ETA after the first batch", lines[0]);
        Assert.StartsWith("ε 0.3, rows 0–99: apgd-t (2/4)", lines[1]);
        // 88 of 100: Wilson's 95% interval is 80.2–93.0%.
        Assert.Contains("robust so far 88/100 = 88.0% (95% CI 80.2–93.0%) · ETA ", lines[2]);
        Assert.StartsWith("ε 0.3, rows 100–199: apgd-ce (1/4)", lines[2]);
    }
}
