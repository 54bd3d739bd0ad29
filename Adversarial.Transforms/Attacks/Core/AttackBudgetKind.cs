namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>How an attack's size is set.</summary>
public enum AttackBudgetKind
{
    /// <summary>A budget ε bounds the perturbation; a sweep attacks at every ε.</summary>
    Bounded,

    /// <summary>No budget: the attack looks for the smallest perturbation that fools the model (DeepFool, CW).</summary>
    Minimal,
}
