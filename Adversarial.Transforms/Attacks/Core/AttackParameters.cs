namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>The keys of <see cref="IAttack.Parameters"/> every reader of them shares.</summary>
public static class AttackParameters
{
    /// <summary>The budget's key; sweeps and reports show the budget per row, so they leave it out of the parameter lists.</summary>
    public const string Budget = "epsilon";

    /// <summary>The parameters without the budget.</summary>
    public static IReadOnlyDictionary<string, string> WithoutBudget(this IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Where(p => p.Key != Budget).ToDictionary();
    }
}
