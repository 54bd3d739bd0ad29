using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.AttackTransform;

/// <summary>Estimator of <see cref="AttackTransformer"/>; create it with <c>mlContext.Transforms.Attack</c> or a named attack.</summary>
public sealed class AttackEstimator : ImageBatchEstimator<AttackTransformer>
{
    /// <summary>Creates the estimator; options are validated here.</summary>
    public AttackEstimator(TorchImageClassifier classifier, IAttack attack, AttackTransformOptions options)
        : base(Create(classifier, attack, options))
    {
    }

    private static AttackTransformer Create(TorchImageClassifier classifier, IAttack attack, AttackTransformOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(attack);
        AttackRunner.RequireRunnable(attack, classifier);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new AttackTransformer(classifier, attack, options);
    }
}
