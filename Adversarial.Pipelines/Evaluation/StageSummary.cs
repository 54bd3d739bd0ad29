namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>One stage of a staged attack (AutoAttack) over the whole dataset at one ε.</summary>
/// <param name="Stage">The stage's name (apgd-ce, apgd-t, fab-t, square, apgd-dlr).</param>
/// <param name="Attacked">Images the stage attacked (those still classified correctly when it started).</param>
/// <param name="Fooled">Images it fooled.</param>
/// <param name="RobustAfter">Images still classified correctly after it.</param>
/// <param name="RobustAccuracyAfter">RobustAfter over all the images.</param>
/// <param name="Seconds">Its wall time, summed over the batches (parallel batches overlap, so the stages can add up to more than the run).</param>
public sealed record StageSummary(string Stage, int Attacked, int Fooled, int RobustAfter, double RobustAccuracyAfter, double Seconds);
