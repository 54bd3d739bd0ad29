using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>Estimator of <see cref="AttackSweepTransformer"/>; create it with <c>mlContext.Transforms.AttackSweep</c> or <c>FgsmSweep</c>.</summary>
public sealed class AttackSweepEstimator : ImageBatchEstimator<AttackSweepTransformer>
{
    /// <summary>Creates the estimator; options are validated here.</summary>
    public AttackSweepEstimator(TorchImageClassifier classifier, IAttack attack, AttackSweepOptions options)
        : base(Create(classifier, attack, options))
    {
    }

    private static AttackSweepTransformer Create(TorchImageClassifier classifier, IAttack attack, AttackSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(attack);
        AttackRunner.RequireRunnable(attack, classifier);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.ScoredBy is { } target && TransferPair.Problem(classifier, target) is { } problem)
            throw new ArgumentException(problem, nameof(options));
        return new AttackSweepTransformer(classifier, attack, options);
    }
}
