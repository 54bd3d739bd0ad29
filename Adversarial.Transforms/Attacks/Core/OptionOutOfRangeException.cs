namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// An attack option outside the range the attack acts on. Besides the usual message it says what is allowed in
/// words that name no property (<see cref="Allowed"/>), so a front end can speak in its own option names.
/// </summary>
public sealed class OptionOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>The option (its property name), the value given and what is allowed, e.g. "a whole number >= 1".</summary>
    public OptionOutOfRangeException(string option, object? value, string allowed)
        : base(option, value, $"{option} must be {allowed}.")
    {
        Allowed = allowed;
    }

    /// <summary>What the option accepts, without its name: "a whole number >= 1", "a number in (0, 1]".</summary>
    public string Allowed { get; }
}
