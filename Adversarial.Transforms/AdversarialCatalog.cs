using Microsoft.ML;
using MlNetAdversarial.Transforms.AttackTransform;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;

namespace MlNetAdversarial.Transforms;

/// <summary>Adversarial transforms on <c>mlContext.Transforms</c>.</summary>
public static class AdversarialCatalog
{
    /// <summary>
    /// FGSM: writes clamp(x + ε·sign(∇ₓ loss(classifier(x), label)), 0, 1) to <paramref name="outputColumnName"/>
    /// (the <see cref="Attacks.FgsmAttack"/> on the common attack transform).
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of adversarial images.</param>
    /// <param name="classifier">The attacked classifier (owned by the caller).</param>
    /// <param name="epsilon">L∞ budget in pixel units, finite and ≥ 0 (default: <see cref="FgsmAttackOptions.Epsilon"/>'s).</param>
    /// <param name="imageColumnName">Column of clean images; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="labelColumnName">Column of true labels, Key&lt;UInt32, classes&gt;.</param>
    /// <param name="batchSize">Rows per torch call.</param>
    /// <param name="settings">Targeting, only-correct and seed.</param>
    public static AttackEstimator FgsmAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        double? epsilon = null, string? imageColumnName = null, string labelColumnName = AdversarialColumns.Label,
        int batchSize = AttackTransformOptions.DefaultBatchSize, AttackSettings? settings = null)
    {
        var options = new FgsmAttackOptions();
        return catalog.Attack(outputColumnName, classifier, new FgsmAttack(epsilon is { } e ? options with { Epsilon = e } : options, settings),
            imageColumnName, labelColumnName, batchSize);
    }

    /// <summary>Adds <c>Score</c> and <c>PredictedLabel</c> computed by <paramref name="classifier"/>.</summary>
    public static TorchScoringEstimator ScoreImages(this TransformsCatalog catalog, TorchImageClassifier classifier,
        string imageColumnName = ScoringOptions.DefaultImageColumnName, int batchSize = ScoringOptions.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TorchScoringEstimator(classifier, new ScoringOptions { ImageColumnName = imageColumnName, BatchSize = batchSize });
    }

    /// <summary>Scoring with every option given.</summary>
    public static TorchScoringEstimator ScoreImages(this TransformsCatalog catalog, TorchImageClassifier classifier, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TorchScoringEstimator(classifier, options);
    }

    /// <summary>
    /// Scores every image on its FGSM version at each ε (columns Score_i, PredictedLabel_i and
    /// Perturbation_i for <c>epsilons[i]</c>), with one gradient per image for all ε.
    /// </summary>
    public static AttackSweepEstimator FgsmSweep(this TransformsCatalog catalog, TorchImageClassifier classifier, IReadOnlyList<double> epsilons,
        AttackSettings? settings = null, string imageColumnName = AdversarialColumns.Image, string labelColumnName = AdversarialColumns.Label,
        int batchSize = AttackTransformOptions.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(epsilons);
        return catalog.AttackSweep(classifier, new FgsmAttack(new FgsmAttackOptions(), settings), new AttackSweepOptions
        {
            Budgets = epsilons.Select(e => (double?)e).ToArray(), ImageColumnName = imageColumnName, LabelColumnName = labelColumnName,
            BatchSize = batchSize,
        });
    }

    /// <summary>
    /// Any <see cref="IAttack"/> at several budgets in one pass (columns Score_i, PredictedLabel_i and
    /// Perturbation_i per budget); an <see cref="ISweepableAttack"/> does its budget-independent work once.
    /// </summary>
    public static AttackSweepEstimator AttackSweep(this TransformsCatalog catalog, TorchImageClassifier classifier, IAttack attack,
        AttackSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AttackSweepEstimator(classifier, attack, options);
    }

    /// <summary>
    /// Any <see cref="IAttack"/> as a lazy, batched transform: writes the adversarial images to
    /// <paramref name="outputColumnName"/> (a target column, when the attack's targeting names one, is read too).
    /// </summary>
    public static AttackEstimator Attack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        IAttack attack, string? imageColumnName = null, string labelColumnName = AdversarialColumns.Label,
        int batchSize = AttackTransformOptions.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AttackEstimator(classifier, attack, new AttackTransformOptions
        {
            OutputColumnName = outputColumnName, ImageColumnName = imageColumnName, LabelColumnName = labelColumnName, BatchSize = batchSize,
        });
    }

    /// <summary>BIM / I-FGSM (Kurakin et al.) as a transform.</summary>
    public static AttackEstimator BimAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        BimAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null) =>
        catalog.Attack(outputColumnName, classifier, new BimAttack(options ?? new(), settings), imageColumnName);

    /// <summary>PGD, L∞ or L2 (Madry et al.), as a transform.</summary>
    public static AttackEstimator PgdAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        PgdAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null) =>
        catalog.Attack(outputColumnName, classifier, new PgdAttack(options ?? new(), settings), imageColumnName);

    /// <summary>MI-FGSM (Dong et al.) as a transform.</summary>
    public static AttackEstimator MiFgsmAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        MiFgsmAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null) =>
        catalog.Attack(outputColumnName, classifier, new MiFgsmAttack(options ?? new(), settings), imageColumnName);

    /// <summary>DeepFool (Moosavi-Dezfooli et al.) as a transform.</summary>
    public static AttackEstimator DeepFoolAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        DeepFoolAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null) =>
        catalog.Attack(outputColumnName, classifier, new DeepFoolAttack(options ?? new(), settings), imageColumnName);

    /// <summary>Carlini–Wagner L2 as a transform.</summary>
    public static AttackEstimator CarliniWagnerL2Attack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        CarliniWagnerL2AttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null) =>
        catalog.Attack(outputColumnName, classifier, new CarliniWagnerL2Attack(options ?? new(), settings), imageColumnName);

    /// <summary>
    /// HopSkipJump (decision-based black box, Chen et al.: it sees only the predicted label) as a transform; the classifier may be a
    /// black box (<see cref="BlackBox.BlackBoxClassifier"/> over any ML.NET model).
    /// </summary>
    public static AttackEstimator HopSkipJumpAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        HopSkipJumpAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null) =>
        catalog.Attack(outputColumnName, classifier, new HopSkipJumpAttack(options ?? new(), settings), imageColumnName);

    /// <summary>Square Attack (score-based black box, Andriushchenko et al.) as a transform.</summary>
    public static AttackEstimator SquareAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        SquareAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null) =>
        catalog.Attack(outputColumnName, classifier, new SquareAttack(options ?? new(), settings), imageColumnName);
}
