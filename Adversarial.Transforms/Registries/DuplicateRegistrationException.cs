namespace MlNetAdversarial.Transforms.Registries;

/// <summary>Two entries of one registry claim the same key.</summary>
public sealed class DuplicateRegistrationException : InvalidOperationException
{
    /// <summary>The exception for <paramref name="key"/>, claimed by <paramref name="first"/> and then by <paramref name="second"/>.</summary>
    public DuplicateRegistrationException(string kind, string key, string first, string second)
        : base(first == second
            ? $"The {kind} '{key}' is registered twice; a registry takes each name once."
            : $"The {kind}s '{first}' and '{second}' both claim '{key}'; a registry takes each key once.")
    {
        Kind = kind;
        Key = key;
    }

    /// <summary>What the entries are ("attack").</summary>
    public string Kind { get; }

    /// <summary>The key claimed twice.</summary>
    public string Key { get; }
}
