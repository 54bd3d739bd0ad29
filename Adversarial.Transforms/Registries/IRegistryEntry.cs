namespace MlNetAdversarial.Transforms.Registries;

/// <summary>An entry of a <see cref="Registry{TEntry}"/>: what it is called on the command line, in files and in messages.</summary>
public interface IRegistryEntry
{
    /// <summary>The entry's name (unique in its registry, compared as the registry says).</summary>
    string Name { get; }
}
