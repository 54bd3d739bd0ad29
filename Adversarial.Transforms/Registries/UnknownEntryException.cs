namespace MlNetAdversarial.Transforms.Registries;

/// <summary>A name that no entry of a registry has; the message lists the names it has.</summary>
public sealed class UnknownEntryException : ArgumentException
{
    /// <summary>The exception for <paramref name="name"/>, not among <paramref name="known"/>.</summary>
    public UnknownEntryException(string kind, string name, IReadOnlyList<string> known)
        : base($"'{name}' is not a known {kind}; expected one of {string.Join(", ", known)}.")
    {
        Kind = kind;
        Name = name;
        Known = known;
    }

    /// <summary>What was looked for ("attack").</summary>
    public string Kind { get; }

    /// <summary>The name given.</summary>
    public string Name { get; }

    /// <summary>The names there are, in the registry's order.</summary>
    public IReadOnlyList<string> Known { get; }
}
