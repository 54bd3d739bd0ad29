namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// A capability of attacks whose expensive part does not depend on the budget (FGSM's gradient sign):
/// a sweep prepares a batch once and then derives the adversarial images at every budget from it.
/// <c>AttackRunner.RunSweep</c> uses it for any attack that offers it.
/// </summary>
public interface ISweepableAttack : IAttack
{
    /// <summary>The budget-independent work for a batch; the result must be disposed by the caller's scope.</summary>
    PreparedSweep Prepare(AttackBatch batch);
}
