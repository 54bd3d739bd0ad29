using Microsoft.ML;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Cli;

/// <summary><c>sweep --checks</c>: the checks of Carlini et al. at the sweep's largest budget, with the dataset's standard model as the transfer source.</summary>
internal static class SweepChecks
{
    public static IReadOnlyList<EvaluationCheck> Run(MLContext ml, TorchImageClassifier classifier, IDataView data, IAttack attack, SweepResult result,
        SweepTarget target, SweepSettings settings)
    {
        if (attack.Budget is null)
            throw new ArgumentException($"--checks: {attack.Name} looks for minimal perturbations; the checks need a budgeted attack (e.g. --attack pgd).");
        double epsilon = result.Epsilons.Max(r => r.Epsilon ?? 0);
        using var standard = target.Dataset is { } dataset ? dataset.LoadClassifier(dataset.DefaultArchitecture, null, settings.Device) : null;
        Console.WriteLine($"Checks of Carlini et al. (2019) at epsilon {epsilon.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} (four more attack runs)...");
        return RobustnessChecks.Run(ml, classifier, data, attack, epsilon, standard, settings.BatchFor(target.Architecture));
    }
}
