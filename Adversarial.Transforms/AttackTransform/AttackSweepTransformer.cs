using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>
/// Adds, for every budget of the options, the classifier's scores, predicted label and the
/// perturbation size of each image under the attack at that budget, in one lazy batched pass.
/// </summary>
public sealed class AttackSweepTransformer : ImageBatchTransformer
{
    internal AttackSweepTransformer(TorchImageClassifier classifier, IAttack attack, AttackSweepOptions options)
        : base(new AttackSweepKernel(classifier, attack, options)) => (Attack, Options) = (attack, options);

    /// <summary>The attack (at the budgets of <see cref="Options"/>).</summary>
    public IAttack Attack { get; }

    /// <summary>The options this transformer applies.</summary>
    public AttackSweepOptions Options { get; }
}
