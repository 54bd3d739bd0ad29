using MlNetAdversarial.Transforms.Attacks;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests;

/// <summary>A user's own attack (returns the images unchanged): one the library cannot rebuild from a saved pipeline.</summary>
internal sealed class DoNothingAttack : IAttack
{
    public string Name => "nothing";

    public PerturbationNorm Norm => PerturbationNorm.Linf;

    public double? Budget => 0;

    public bool IsWhiteBox => true;

    public AttackSettings Settings => AttackSettings.Default;

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>();

    public IAttack WithBudget(double budget) => this;

    public AttackResult Run(AttackBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        return new AttackResult(batch.Images.clone().MoveToOuterDisposeScope());
    }
}
