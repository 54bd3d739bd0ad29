using Microsoft.ML;
using MlNetAdversarial.Transforms.AttackTransform;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;

namespace MlNetAdversarial.Transforms;

/// <summary>Adversarial transforms on <c>mlContext.Transforms</c>.</summary>
public static class AdversarialCatalog
{
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

    // Every registered attack has a method of this one shape: output column, classifier, the attack's options (default: its
    // defaults), settings, then the columns and batch size of the common attack transform.

    /// <summary>FGSM: clamp(x + ε·sign(∇ₓ loss(classifier(x), label)), 0, 1) (Goodfellow et al.) as a transform.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of adversarial images.</param>
    /// <param name="classifier">The attacked classifier (owned by the caller).</param>
    /// <param name="options">The attack's options (ε among them); null means its defaults.</param>
    /// <param name="settings">Targeting, only-correct, early stop and seed.</param>
    /// <param name="imageColumnName">Column of clean images; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="labelColumnName">Column of true labels, Key&lt;UInt32, classes&gt;.</param>
    /// <param name="batchSize">Rows per torch call.</param>
    public static AttackEstimator FgsmAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        FgsmAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.FgsmAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>BIM / I-FGSM (Kurakin et al.) as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator BimAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        BimAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.BimAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>PGD, L∞ or L2 (Madry et al.), as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator PgdAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        PgdAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.PgdAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>MI-FGSM (Dong et al.) as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator MiFgsmAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        MiFgsmAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.MiFgsmAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>DeepFool (Moosavi-Dezfooli et al.) as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator DeepFoolAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        DeepFoolAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.DeepFoolAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>Carlini–Wagner L2 as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator CarliniWagnerL2Attack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        CarliniWagnerL2AttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.CarliniWagnerL2Attack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>Square Attack (score-based black box, Andriushchenko et al.) as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator SquareAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        SquareAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.SquareAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>APGD-CE or APGD-DLR (Croce &amp; Hein, 2020) as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator ApgdAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        ApgdAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.ApgdAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>APGD-T (Croce &amp; Hein, 2020) as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator ApgdTargetedAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        ApgdTargetedAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.ApgdTargetedAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>FAB-T (Croce &amp; Hein, 2020) as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator FabAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        FabAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.FabAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>AutoAttack (Croce &amp; Hein, 2020), standard or rand, as a transform.</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator AutoAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        AutoAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.AutoAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    /// <summary>HopSkipJump (decision-based black box, Chen et al.: it sees only the predicted label) as a transform; the classifier may be a black box (<see cref="BlackBox.BlackBoxClassifier"/> over any ML.NET model).</summary>
    /// <inheritdoc cref="FgsmAttack" path="/param"/>
    public static AttackEstimator HopSkipJumpAttack(this TransformsCatalog catalog, string outputColumnName, TorchImageClassifier classifier,
        HopSkipJumpAttackOptions? options = null, AttackSettings? settings = null, string? imageColumnName = null,
        string labelColumnName = AdversarialColumns.Label, int batchSize = AttackTransformOptions.DefaultBatchSize) =>
        catalog.Registered(Attacks.HopSkipJumpAttack.Descriptor, options, outputColumnName, classifier, settings, imageColumnName, labelColumnName, batchSize);

    private static AttackEstimator Registered<TOptions>(this TransformsCatalog catalog, AttackDescriptor entry, TOptions? options, string outputColumnName,
        TorchImageClassifier classifier, AttackSettings? settings, string? imageColumnName, string labelColumnName, int batchSize)
        where TOptions : AttackOptions, new() =>
        catalog.Attack(outputColumnName, classifier, entry.Create(options ?? new TOptions(), settings), imageColumnName, labelColumnName, batchSize);
}
