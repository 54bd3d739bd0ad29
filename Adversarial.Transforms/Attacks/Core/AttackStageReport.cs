namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Where a staged attack (AutoAttack, a sequence) is within one batch, for progress displays and per-stage tallies. Batches
/// may run in parallel: <see cref="FirstRow"/> tells them apart.
/// </summary>
/// <param name="Phase">What happened.</param>
/// <param name="Budget">The attack's budget (a sweep attacks every ε in turn), or null for a minimal-perturbation attack.</param>
/// <param name="FirstRow">The dataset row of the batch's first image.</param>
/// <param name="BatchImages">Images in the batch.</param>
/// <param name="Stage">The stage's name (apgd-ce, apgd-t, fab-t, square, apgd-dlr).</param>
/// <param name="StageIndex">0-based position of the stage.</param>
/// <param name="StageCount">Stages in the attack.</param>
/// <param name="Attacked">Images the stage attacks: those still classified correctly.</param>
/// <param name="Step">Within the stage, e.g. "target 3/9"; null otherwise.</param>
/// <param name="Fooled">Images this stage fooled (set when finished).</param>
/// <param name="Robust">Images still classified correctly after this point (clean mistakes excluded).</param>
/// <param name="Seconds">Wall time of the stage on this batch (set when finished).</param>
public sealed record AttackStageReport(AttackStagePhase Phase, double? Budget, long FirstRow, int BatchImages, string Stage, int StageIndex, int StageCount,
    int Attacked, string? Step = null, int Fooled = 0, int Robust = 0, double Seconds = 0);
