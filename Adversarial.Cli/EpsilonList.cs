using System.Globalization;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Cli;

/// <summary>Parses "0,0.05,0.1" (invariant culture) into ε values and checks them against the attack they budget.</summary>
internal static class EpsilonList
{
    public static IReadOnlyList<double> Parse(string text, string option = "--epsilons")
    {
        var values = new List<double>();
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
                throw new ArgumentException($"{option}: '{text}' has an empty item (item {i + 1} of {parts.Length}); give a comma list without blanks, e.g. 0,0.05,0.1.");
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
                throw new ArgumentException($"{option}: '{parts[i]}' is not a finite number >= 0 (expected a comma list such as 0,0.05,0.1).");
            values.Add(value);
        }
        return values;
    }

    /// <summary>
    /// Refuses budgets the attack cannot act on: any for an attack without a budget, an L∞ ε above 1 (pixels lie in [0, 1]),
    /// an L2 ε beyond the distance of the farthest two images where the images are <paramref name="known"/>, and budgets that
    /// are all 0 unless <paramref name="allowNoOp"/> (then a warning).
    /// </summary>
    public static void Check(IAttack attack, IReadOnlyList<double> epsilons, string option, bool allowNoOp, ICollection<string> warnings, KnownInputs? known = null)
    {
        if (attack.Budget is null)
            throw new ArgumentException($"{option} does not apply to --attack {attack.Name}: it looks for the smallest perturbation that fools each image, "
                + "with no budget; leave it out (the report gives the perturbations' norms).");
        if (attack.Norm == PerturbationNorm.Linf && epsilons.FirstOrDefault(e => e > 1) is var above and > 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{option}: {above} is outside the range an L-inf budget acts on: pixels lie in [0, 1], so epsilon 1 already allows any image; expected values from 0 to 1."));
        if (attack.Norm == PerturbationNorm.L2 && known is not null && epsilons.FirstOrDefault(e => e > known.L2Diameter) is var far and > 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{option}: {far} is outside the range an L2 budget acts on: no two {known.Smallest.Name} images are further apart than "
                + $"sqrt({known.Smallest.Shape.Channels * known.Smallest.Shape.Height * known.Smallest.Shape.Width}) = {known.L2Diameter:0.##}; expected values from 0 to {known.L2Diameter:0.##}."));
        if (epsilons.All(e => e == 0))
        {
            string problem = $"{option} {string.Join(",", epsilons.Select(e => e.ToString(CultureInfo.InvariantCulture)))} leaves every image as it is: --attack {attack.Name} does no work at epsilon 0";
            if (!allowNoOp)
                throw new ArgumentException($"{problem}. Give an epsilon above 0, or add --allow-no-op if that is what you want.");
            warnings.Add(problem + ".");
        }
    }
}
