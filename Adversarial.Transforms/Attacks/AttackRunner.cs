using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Applies the settings every attack shares: resolves the targets, leaves images the model already
/// gets wrong untouched when asked to attack only correct ones, then runs the attack.
/// </summary>
public static class AttackRunner
{
    /// <summary>Runs <paramref name="attack"/> on a batch in [0, 1].</summary>
    /// <param name="attack">The attack.</param>
    /// <param name="classifier">The model.</param>
    /// <param name="images">Images [N, C, H, W].</param>
    /// <param name="labels">True class indices [N].</param>
    /// <param name="rowIndices">Row index of each image (seeds its random choices).</param>
    /// <param name="columnTargets">Targets read from a column, for column targeting.</param>
    public static AttackResult Run(IAttack attack, TorchImageClassifier classifier, Tensor images, Tensor labels, long[] rowIndices,
        Tensor? columnTargets = null)
    {
        ArgumentNullException.ThrowIfNull(attack);
        ArgumentNullException.ThrowIfNull(classifier);
        if (!classifier.IsInEvalMode)
            throw new InvalidOperationException($"{classifier.Name} is not in eval mode: dropout and batch norm would make the attack meaningless.");
        var settings = attack.Settings;
        using var scope = NewDisposeScope();
        var targets = settings.Targeting.Resolve(classifier, images, labels, columnTargets, rowIndices, settings.Seed);
        if (!settings.OnlyCorrect)
            return Detach(attack.Run(new AttackBatch(classifier, images, labels, targets, rowIndices)));

        Tensor correct;
        using (inference_mode())
            correct = classifier.LogProbabilities(images).argmax(1).eq(labels);
        var chosen = AttackMath.ToLongs(correct.nonzero().flatten());
        var queries = new long[rowIndices.Length];
        if (chosen.Length == 0)
            return Detach(new AttackResult(images.clone(), attack.IsWhiteBox ? null : queries));
        var index = tensor(chosen);
        var result = attack.Run(new AttackBatch(classifier, images.index_select(0, index), labels.index_select(0, index),
            targets?.index_select(0, index), chosen.Select(i => rowIndices[i]).ToArray()));
        var adversarial = images.index_copy(0, index, result.Adversarial);
        if (result.Queries is { } partial)
        {
            for (int i = 0; i < chosen.Length; i++)
                queries[chosen[i]] = partial[i];
        }
        return Detach(new AttackResult(adversarial, result.Queries is null ? null : queries));
    }

    private static AttackResult Detach(AttackResult result) =>
        result with { Adversarial = result.Adversarial.detach().MoveToOuterDisposeScope() };
}
