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
        if (options.ScoredBy is { } target)
        {
            if (!target.ClassNames.SequenceEqual(classifier.ClassNames))
                throw new ArgumentException($"The surrogate {classifier.Name} has classes [{string.Join(", ", classifier.ClassNames)}] but the target "
                    + $"{target.Name} has [{string.Join(", ", target.ClassNames)}]: a transfer attack needs the same classes in the same order.", nameof(options));
            if (target.InputShape != classifier.InputShape)
                throw new ArgumentException($"The surrogate {classifier.Name} takes {classifier.InputShape} images but the target {target.Name} takes "
                    + $"{target.InputShape}: a transfer attack needs one image shape.", nameof(options));
        }
        return new AttackSweepTransformer(classifier, attack, options);
    }
}
