namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>A value given for an attack option is not of the option's kind ("x" for a whole number).</summary>
public sealed class OptionValueException : ArgumentException
{
    /// <summary>The exception for <paramref name="value"/> given to <paramref name="option"/>, which takes <paramref name="expected"/>.</summary>
    public OptionValueException(string option, string value, string expected)
        : base($"{option}: '{value}' is not {expected}.", option)
    {
        Option = option;
        Value = value;
        Expected = expected;
    }

    /// <summary>The option's C# name.</summary>
    public string Option { get; }

    /// <summary>The value as given.</summary>
    public string Value { get; }

    /// <summary>What the option takes, in words.</summary>
    public string Expected { get; }
}
