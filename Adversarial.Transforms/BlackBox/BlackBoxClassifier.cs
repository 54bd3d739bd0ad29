using System.Globalization;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.BlackBox;

/// <summary>
/// A score oracle as a <see cref="TorchImageClassifier"/> whose <see cref="TorchImageClassifier.IsBlackBox"/> is true: the
/// scoring transforms, sweeps and reports take it like any model, and only attacks that need no gradient (Square,
/// HopSkipJump) run on it.
/// </summary>
public static class BlackBoxClassifier
{
    /// <summary>Wraps <paramref name="oracle"/>.</summary>
    /// <param name="oracle">The model's scores.</param>
    /// <param name="inputShape">The images' shape.</param>
    /// <param name="name">A short name for reports.</param>
    /// <param name="classNames">One name per score; default "0", "1", ….</param>
    /// <param name="fileSha256">SHA-256 of the model file, for reports; empty when unknown.</param>
    /// <param name="device">Where the images and scores live (default: the CPU).</param>
    /// <exception cref="ArgumentException">The class names do not match the oracle's class count.</exception>
    public static TorchImageClassifier Create(IScoreOracle oracle, ImageShape inputShape, string name, IReadOnlyList<string>? classNames = null,
        string fileSha256 = "", Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        var names = classNames ?? Enumerable.Range(0, oracle.ClassCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (names.Count != oracle.ClassCount)
            throw new ArgumentException($"{names.Count} class names given, but {name} gives {oracle.ClassCount} scores.", nameof(classNames));
        return new TorchImageClassifier(new ScoreOracleNetwork(oracle), inputShape, names, ClassifierOutput.LogProbabilities, name, fileSha256,
            architecture: "black-box", device: device);
    }

    /// <summary>The oracle behind a black-box classifier, or null for a differentiable one.</summary>
    public static IScoreOracle? OracleOf(TorchImageClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return classifier.Network is ScoreOracleNetwork network ? network.Oracle : null;
    }
}
