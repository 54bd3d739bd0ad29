using static System.FormattableString;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Attacks run in AutoAttack's scheme (<see cref="AutoAttack.RunSequence"/>): each on the images every earlier one left
/// correctly classified, keeping the first adversarial example per image. For a custom ensemble, or AutoAttack with a stage
/// left out (its Square check compares the sequence with and without Square).
/// </summary>
public sealed class AttackSequence : IAttack
{
    /// <summary>A sequence of <paramref name="stages"/> (at least one), which share the first stage's norm and settings.</summary>
    public AttackSequence(IReadOnlyList<IAttack> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0)
            throw new ArgumentException("A sequence needs at least one attack.", nameof(stages));
        Stages = stages;
    }

    /// <summary>The attacks, in the order they run.</summary>
    public IReadOnlyList<IAttack> Stages { get; }

    /// <inheritdoc />
    public string Name => "sequence";

    /// <inheritdoc />
    public PerturbationNorm Norm => Stages[0].Norm;

    /// <inheritdoc />
    public double? Budget => Stages[0].Budget;

    /// <inheritdoc />
    public bool IsWhiteBox => Stages.Any(s => s.IsWhiteBox);

    /// <inheritdoc />
    public AttackSettings Settings => Stages[0].Settings;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        [AttackParameters.Budget] = Invariant($"{Budget:0.####}"), ["stages"] = string.Join(" → ", Stages.Select(AutoAttack.StageName)),
    };

    /// <inheritdoc />
    public IAttack WithBudget(double budget) => new AttackSequence(Stages.Select(s => s.WithBudget(budget)).ToArray());

    /// <inheritdoc />
    public AttackResult Run(AttackBatch batch) => new(AutoAttack.RunSequence(batch, Stages).Adversarial);
}
