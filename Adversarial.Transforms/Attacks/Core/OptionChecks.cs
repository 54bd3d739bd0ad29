using System.Globalization;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>The checks of the attacks' options records; each failure is an <see cref="OptionOutOfRangeException"/>.</summary>
public static class OptionChecks
{
    /// <summary>Throws unless a budget or step value is finite and non-negative.</summary>
    public static void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new OptionOutOfRangeException(name, value, "a finite number >= 0");
    }

    /// <summary>Throws unless a value is finite and above 0.</summary>
    public static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || !(value > 0))
            throw new OptionOutOfRangeException(name, value, "a finite number > 0");
    }

    /// <summary>Throws unless a count is at least <paramref name="minimum"/>; <paramref name="minimumIs"/> says where a minimum comes from.</summary>
    public static void AtLeast(int value, int minimum, string name, string? minimumIs = null)
    {
        if (value < minimum)
            throw new OptionOutOfRangeException(name, value, $"a whole number >= {minimum}" + (minimumIs is null ? "" : $" ({minimumIs})"));
    }

    /// <summary>Throws unless <paramref name="value"/> lies between the bounds, each open or closed.</summary>
    public static void Between(double value, double low, bool lowIncluded, double high, bool highIncluded, string name)
    {
        bool aboveLow = lowIncluded ? value >= low : value > low;
        bool belowHigh = highIncluded ? value <= high : value < high;
        if (!(aboveLow && belowHigh))
            throw new OptionOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture,
                $"a number in {(lowIncluded ? '[' : '(')}{low}, {high}{(highIncluded ? ']' : ')')}"));
    }

    /// <summary>Throws unless <paramref name="value"/> is one of <paramref name="allowed"/>.</summary>
    public static void OneOf<T>(T value, string name, params T[] allowed)
        where T : struct, Enum
    {
        if (!allowed.Contains(value))
            throw new OptionOutOfRangeException(name, value, "one of " + string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant())));
    }
}
