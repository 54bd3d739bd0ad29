using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Attacks;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

public sealed class AttackStageReportTests(MnistModelFixture fixture) : IClassFixture<MnistModelFixture>
{
    private const int Rows = 64;

    // Cheap stages that each fool some images: one FGSM step, then APGD-T with two target classes and few steps.
    private static IAttack[] Stages(double epsilon) =>
    [
        new FgsmAttack(new FgsmAttackOptions { Epsilon = epsilon / 2 }),
        new ApgdTargetedAttack(new ApgdTargetedAttackOptions { Epsilon = epsilon, Steps = 5, TargetClasses = 2 }),
    ];

    private sealed class Recorder : IProgress<AttackStageReport>
    {
        public ConcurrentQueue<AttackStageReport> Reports { get; } = new();

        public void Report(AttackStageReport value) => Reports.Enqueue(value);
    }

    private AttackBatch Batch(Recorder recorder)
    {
        var data = fixture.Ml.Data.TakeRows(fixture.Data, Rows);
        float[] pixels = data.GetColumn<float[]>("Image").SelectMany(p => p).ToArray();
        long[] labels = data.GetColumn<uint>("Label").Select(k => (long)k - 1).ToArray();
        return new AttackBatch(fixture.Classifier, tensor(pixels, [Rows, 1, 28, 28]), tensor(labels), null,
            Enumerable.Range(100, Rows).Select(i => (long)i).ToArray()) { StageProgress = recorder };
    }

    [Fact]
    public void EachStageReportsItsStartTargetsAndEndWithTheCountsItsImagesShow()
    {
        var recorder = new Recorder();
        using var scope = NewDisposeScope();
        var staged = AutoAttack.RunSequence(Batch(recorder), Stages(0.15));
        var reports = recorder.Reports.ToArray();
        Assert.All(reports, r => Assert.Equal((100L, Rows), (r.FirstRow, r.BatchImages)));
        Assert.Equal([AttackStagePhase.Started, AttackStagePhase.Finished], reports.Where(r => r.StageIndex == 0).Select(r => r.Phase));
        Assert.Equal(["target 1/2", "target 2/2"], reports.Where(r => r.Phase == AttackStagePhase.Step).Select(r => r.Step).Distinct());
        Assert.All(reports.Where(r => r.Phase == AttackStagePhase.Step), r => Assert.Equal(("apgd-t", 1, 2), (r.Stage, r.StageIndex, r.StageCount)));
        var finished = reports.Where(r => r.Phase == AttackStagePhase.Finished).ToArray();
        Assert.Equal(["fgsm", "apgd-t"], finished.Select(r => r.Stage));
        int correct = staged.FooledBy.Count(f => f != -1);
        Assert.Equal(correct, finished[0].Attacked);
        for (int stage = 0; stage < finished.Length; stage++)
        {
            Assert.Equal(staged.FooledBy.Count(f => f == stage), finished[stage].Fooled);
            Assert.Equal(finished[stage].Attacked - finished[stage].Fooled, finished[stage].Robust);
            Assert.True(finished[stage].Seconds > 0);
        }
        Assert.True(finished.All(f => f.Fooled > 0), "each stage should fool some images here, or the counts above check nothing");
        Assert.Equal(finished[0].Robust, finished[1].Attacked);
        var done = Assert.Single(reports, r => r.Phase == AttackStagePhase.BatchDone);
        Assert.Equal(staged.FooledBy.Count(f => f is null), done.Robust);
        Assert.Equal(AttackStagePhase.BatchDone, reports[^1].Phase);
    }

    [Fact]
    public void ASweepAddsUpTheStagesOfEveryBatchToTheRobustAccuracyAfterEachStage()
    {
        var recorder = new Recorder();
        var data = fixture.Ml.Data.TakeRows(fixture.Data, 200);
        var result = AttackSweepRunner.Run(fixture.Ml, fixture.Classifier, data, new SweepRequest("mnist", [0.15], BatchSize: 50),
            new AttackSequence(Stages(0.15)), stageProgress: recorder);
        Assert.Null(result.Epsilons[0].Stages);
        var row = result.Epsilons[1];
        var stages = row.Stages!;
        Assert.Equal(["fgsm", "apgd-t"], stages.Select(s => s.Stage));
        Assert.Equal(result.Epsilons[0].Correct, stages[0].Attacked);
        Assert.Equal(row.Correct, stages[^1].RobustAfter);
        Assert.Equal(stages[0].Attacked - stages.Sum(s => s.Fooled), stages[^1].RobustAfter);
        Assert.Equal((double)row.Correct / row.Total, stages[^1].RobustAccuracyAfter, 12);
        Assert.Equal(4, recorder.Reports.Count(r => r.Phase == AttackStagePhase.BatchDone));
        Assert.Equal(stages.Sum(s => s.Seconds), recorder.Reports.Where(r => r.Phase == AttackStagePhase.Finished).Sum(r => r.Seconds), 9);
    }
}
