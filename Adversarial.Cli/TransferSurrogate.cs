using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.ModelFormats;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary>--surrogate and --surrogate-arch: the model a transfer attack is crafted on, checked against --model.</summary>
internal static class TransferSurrogate
{
    /// <summary>The surrogate as typed, or null without --surrogate; refuses what cannot be a surrogate before any data is read.</summary>
    public static ModelChoice? Read(string? path, string? architecture, ModelChoice target, IAttack attack)
    {
        if (path is null)
            return architecture is null ? null : throw new ArgumentException("--surrogate-arch names the architecture of a --surrogate weights file; give --surrogate FILE.");
        if (target.Path is null)
            throw new ArgumentException("--surrogate: give the model the transferred images are scored by with --model FILE.");
        var format = ModelFormatRegistry.For(path);
        if (format == ModelFormatRegistry.MlNet && attack.IsWhiteBox)
            throw new ArgumentException($"--surrogate: {path} is an ML.NET model (a black box); --attack {attack.Name} needs gradients, so craft on an .onnx or weights file.");
        if (format == ModelFormatRegistry.Onnx && architecture is not null)
            throw new ArgumentException($"--surrogate-arch: {path} is an ONNX model, which holds its own network; --surrogate-arch applies to weight files only.");
        return new ModelChoice(path, architecture, new ModelRequest());
    }

    /// <summary>Loads the surrogate for a target's data and checks that it has the classes and image shape of <paramref name="scorer"/>.</summary>
    public static TorchImageClassifier Load(ModelChoice surrogate, SweepTarget target, TorchImageClassifier scorer, SweepSettings settings)
    {
        var classifier = surrogate.Load(target.Architecture, target.Dataset, settings.Device);
        try
        {
            // Checked before the sweep is built, so the message can name the flags and files.
            if (TransferPair.Problem(classifier, scorer) is { } problem)
                throw new ArgumentException($"--surrogate: {surrogate.Path} cannot be scored by --model {target.Model.Path}. {problem}");
            return classifier;
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }
}
