using System.Globalization;
using System.Reflection;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// The options record of an attack. Records are edited in C# with <c>with</c>; <see cref="With"/> edits one by its property
/// name, for callers that hold names and text (the command line, the robustness checks). JSON is only for saving them.
/// </summary>
public abstract record AttackOptions
{
    /// <summary>The properties a user can tune: the settable ones, the budget excepted (a sweep sets it per ε).</summary>
    public static IReadOnlyList<PropertyInfo> TunableOf(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        return optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.Name != nameof(BoundedAttackOptions.Epsilon) && p.DeclaringType != typeof(AttackOptions))
            .ToArray();
    }

    /// <summary>
    /// A copy of these options (of the same record type) with <paramref name="property"/> (its C# name, case ignored) set to
    /// <paramref name="value"/>: a value of the property's type, a whole number for a number, or text parsed with the invariant
    /// culture (enum members by name, case ignored). The copy is not validated; the attack's constructor does that.
    /// </summary>
    /// <exception cref="ArgumentException">The record has no such property.</exception>
    /// <exception cref="OptionValueException">The value is not of the property's kind.</exception>
    public AttackOptions With(string property, object? value)
    {
        ArgumentNullException.ThrowIfNull(property);
        var tunable = TunableOf(GetType()).Concat(GetType().GetProperties().Where(p => p.Name == nameof(BoundedAttackOptions.Epsilon))).ToArray();
        var info = tunable.FirstOrDefault(p => string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{GetType().Name} has no option '{property}'; it has {string.Join(", ", tunable.Select(p => p.Name))}.", nameof(property));
        var copy = this with { };
        info.SetValue(copy, Convert(info, value));
        return copy;
    }

    /// <summary>What a property takes, in words ("a whole number", "one of linf, l2").</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(int))
            return "a whole number";
        if (target == typeof(double))
            return "a number";
        if (target == typeof(bool))
            return "true or false";
        return target.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(target).Select(n => n.ToLowerInvariant())) : target.Name;
    }

    private static object? Convert(PropertyInfo property, object? value)
    {
        var type = property.PropertyType;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        switch (value)
        {
            case null when Nullable.GetUnderlyingType(type) is not null || !type.IsValueType:
                return null;
            case string text:
                return Parse(property.Name, text, target);
            case not null when target.IsInstanceOfType(value):
                return value;
            case int whole when target == typeof(double):
                return (double)whole;
            default:
                throw new OptionValueException(property.Name, System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null", Describe(type));
        }
    }

    private static object Parse(string property, string text, Type target)
    {
        string value = text.Trim();
        if (target == typeof(int) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int whole))
            return whole;
        if (target == typeof(double) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
            return number;
        if (target == typeof(bool) && bool.TryParse(value, out bool flag))
            return flag;
        if (target.IsEnum && Enum.GetNames(target).FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) is { } member)
            return Enum.Parse(target, member);
        throw new OptionValueException(property, text, Describe(target));
    }
}
