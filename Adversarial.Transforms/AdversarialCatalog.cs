using Microsoft.ML;
using MlNetAdversarial.Transforms.Fgsm;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;

namespace MlNetAdversarial.Transforms;

/// <summary>Adversarial transforms on <c>mlContext.Transforms</c>.</summary>
public static class AdversarialCatalog
{
    /// <summary>
    /// FGSM: writes clamp(x + ε·sign(∇ₓ loss(classifier(x), label)), 0, 1) to <paramref name="outputColumnName"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Column of adversarial images.</param>
    /// <param name="classifier">The attacked classifier (owned by the caller).</param>
    /// <param name="epsilon">L∞ budget in pixel units, finite and ≥ 0.</param>
    /// <param name="imageColumnName">Column of clean images; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="labelColumnName">Column of true labels, Key&lt;UInt32, classes&gt;.</param>
    /// <param name="batchSize">Rows per torch call.</param>
    public static FgsmEstimator FgsmAttack(this TransformsCatalog catalog, string outputColumnName,
        TorchImageClassifier classifier, double epsilon = FgsmOptions.DefaultEpsilon, string? imageColumnName = null,
        string labelColumnName = FgsmOptions.DefaultLabelColumnName, int batchSize = FgsmOptions.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FgsmEstimator(classifier, new FgsmOptions
        {
            OutputColumnName = outputColumnName,
            ImageColumnName = imageColumnName,
            LabelColumnName = labelColumnName,
            Epsilon = epsilon,
            BatchSize = batchSize,
        });
    }

    /// <summary>FGSM with every option given.</summary>
    public static FgsmEstimator FgsmAttack(this TransformsCatalog catalog, TorchImageClassifier classifier, FgsmOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FgsmEstimator(classifier, options);
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
    /// Scores every image on its FGSM version at each ε (columns Score_i, PredictedLabel_i), with one
    /// gradient computation per image for all ε.
    /// </summary>
    public static FgsmSweepEstimator FgsmSweep(this TransformsCatalog catalog, TorchImageClassifier classifier, FgsmSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FgsmSweepEstimator(classifier, options);
    }
}
