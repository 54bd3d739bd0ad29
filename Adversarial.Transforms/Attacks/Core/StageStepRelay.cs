namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Handed to a stage as its batch's <see cref="AttackBatch.StageProgress"/>: the stage reports only its step and the images
/// it still attacks; the relay adds where in the sequence it runs and passes the report on, synchronously.
/// </summary>
internal sealed class StageStepRelay(IProgress<AttackStageReport> outer, AttackStageReport stage) : IProgress<AttackStageReport>
{
    public void Report(AttackStageReport value) => outer.Report(stage with { Phase = AttackStagePhase.Step, Step = value.Step, Attacked = value.Attacked });

    /// <summary>What a stage running on <paramref name="batch"/> gives <see cref="ApgdRestarts.RunPerTarget"/> to report each target, or null when nobody listens.</summary>
    public static Action<string, int>? For(AttackBatch batch, IAttack stage) => batch.StageProgress is { } progress
        ? (step, attacked) => progress.Report(new AttackStageReport(AttackStagePhase.Step, stage.Budget, 0, 0, stage.Name, 0, 1, attacked, step))
        : null;
}
