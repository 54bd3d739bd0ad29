using System.Collections;

namespace MlNetAdversarial.Transforms.Registries;

/// <summary>
/// The one registry type: the entries of one kind (attacks, architectures, datasets, model formats, ONNX operators) in
/// their listed order, found by name. Building it refuses a name (or another key) that two entries claim, so a second
/// registration of a name is an error, never a silent replacement.
/// </summary>
/// <typeparam name="TEntry">The entry type.</typeparam>
public sealed class Registry<TEntry> : IReadOnlyList<TEntry>
    where TEntry : class, IRegistryEntry
{
    private readonly TEntry[] _entries;
    private readonly Dictionary<string, TEntry> _byKey;

    /// <summary>A registry of <paramref name="entries"/>.</summary>
    /// <param name="kind">What an entry is, for messages ("attack").</param>
    /// <param name="entries">The entries, in the order lists show them.</param>
    /// <param name="comparer">How keys compare (default: ordinal, ignoring case).</param>
    /// <param name="keysOf">Every key an entry claims besides its name (a model format's file extensions).</param>
    /// <exception cref="DuplicateRegistrationException">Two entries claim one key.</exception>
    public Registry(string kind, IEnumerable<TEntry> entries, StringComparer? comparer = null, Func<TEntry, IEnumerable<string>>? keysOf = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(entries);
        Kind = kind;
        _entries = entries.ToArray();
        _byKey = new Dictionary<string, TEntry>(comparer ?? StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _entries)
        {
            // An entry may claim a key twice (a name that is also its alias); two entries may not share one.
            foreach (var key in (keysOf?.Invoke(entry) ?? []).Prepend(entry.Name).Distinct(_byKey.Comparer))
            {
                if (_byKey.TryGetValue(key, out var first))
                    throw new DuplicateRegistrationException(kind, key, first.Name, entry.Name);
                _byKey[key] = entry;
            }
        }
    }

    /// <summary>What an entry is, for messages ("attack").</summary>
    public string Kind { get; }

    /// <summary>The names, comma-separated, in the listed order, for messages.</summary>
    public string Names => string.Join(", ", _entries.Select(e => e.Name));

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <inheritdoc />
    public TEntry this[int index] => _entries[index];

    /// <summary>The entry a name (or another key) names, surrounding spaces ignored, or null.</summary>
    public TEntry? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _byKey.GetValueOrDefault(key.Trim());
    }

    /// <summary>The entry a name (or another key) names.</summary>
    /// <exception cref="UnknownEntryException">No entry has that name; the exception lists the names.</exception>
    public TEntry Get(string key) => Find(key) ?? throw new UnknownEntryException(Kind, key, _entries.Select(e => e.Name).ToArray());

    /// <inheritdoc />
    public IEnumerator<TEntry> GetEnumerator() => ((IEnumerable<TEntry>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
