namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// What the budgets of a sweep mean, in one place: 0 is the clean images (no attack runs), null is the attack's own budget
/// (a minimal-perturbation attack, which has none to set), any other value is ε.
/// </summary>
public static class SweepBudgets
{
    /// <summary>Whether <paramref name="budget"/> stands for the clean images.</summary>
    public static bool IsClean(double? budget) => budget is 0;

    /// <summary>The attack <paramref name="budget"/> stands for: null for the clean images, else the attack at that budget (or at its own).</summary>
    public static IAttack? AttackAt(IAttack attack, double? budget)
    {
        ArgumentNullException.ThrowIfNull(attack);
        return budget switch
        {
            0 => null,
            null => attack,
            { } epsilon => attack.WithBudget(epsilon),
        };
    }

    /// <summary>The budgets a sweep of <paramref name="attack"/> runs at: each ε (0, the clean row, among them), or 0 and the attack's own.</summary>
    public static IReadOnlyList<double?> For(IAttack attack, IEnumerable<double> epsilons)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(epsilons);
        return attack.Budget is null ? [0, null] : epsilons.Select(e => (double?)e).ToArray();
    }
}
