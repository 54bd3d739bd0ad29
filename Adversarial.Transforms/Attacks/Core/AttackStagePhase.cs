namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>What an <see cref="AttackStageReport"/> announces.</summary>
public enum AttackStagePhase
{
    /// <summary>A stage starts on the batch's remaining images.</summary>
    Started,

    /// <summary>A stage moves on within the batch (APGD-T's next target class).</summary>
    Step,

    /// <summary>A stage has finished on the batch: <see cref="AttackStageReport.Fooled"/> and <see cref="AttackStageReport.Seconds"/> are set.</summary>
    Finished,

    /// <summary>Every stage has run on the batch: <see cref="AttackStageReport.Robust"/> is the batch's final count.</summary>
    BatchDone,
}
