using System.Globalization;

namespace MlNetAdversarial.Cli;

/// <summary>Parses "0,0.05,0.1" (invariant culture) into ε values.</summary>
internal static class EpsilonList
{
    public static IReadOnlyList<double> Parse(string text)
    {
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !double.IsFinite(value) || value < 0)
                throw new ArgumentException($"--epsilons: '{part}' is not a finite number >= 0 (expected a comma list such as 0,0.05,0.1).");
            values.Add(value);
        }
        if (values.Count == 0)
            throw new ArgumentException("--epsilons: give at least one value, e.g. 0,0.1,0.3.");
        return values;
    }
}
