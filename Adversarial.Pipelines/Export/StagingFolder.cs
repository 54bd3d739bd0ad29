namespace MlNetAdversarial.Pipelines.Export;

/// <summary>
/// A temporary sibling of the output folder. Everything is written there and moved into place by
/// <see cref="Commit"/>; disposing without committing deletes it, so an interrupted run leaves nothing
/// at the target. An existing target is replaced only when <c>force</c> is given, and only at commit.
/// </summary>
public sealed class StagingFolder : IDisposable
{
    private readonly bool _force;
    private bool _committed;

    /// <summary>Creates the staging folder next to <paramref name="target"/>.</summary>
    /// <exception cref="IOException">The target exists and <paramref name="force"/> is false.</exception>
    public StagingFolder(string target, bool force)
    {
        Target = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        _force = force;
        if (!force && (Directory.Exists(Target) || File.Exists(Target)))
            throw new IOException($"{Target} already exists; pass force: true to replace it.");
        string parent = System.IO.Path.GetDirectoryName(Target)!;
        Directory.CreateDirectory(parent);
        Path = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(Target)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>The folder to write into.</summary>
    public string Path { get; }

    /// <summary>Moves the staged folder to the target (replacing it when forced).</summary>
    public void Commit()
    {
        string? old = null;
        if (Directory.Exists(Target) || File.Exists(Target))
        {
            if (!_force)
                throw new IOException($"{Target} appeared while writing; pass force: true to replace it.");
            old = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Target)!, $".{System.IO.Path.GetFileName(Target)}.old-{Guid.NewGuid():N}");
            if (Directory.Exists(Target))
                Directory.Move(Target, old);
            else
                File.Move(Target, old);
        }
        Directory.Move(Path, Target);
        _committed = true;
        if (old is not null)
        {
            if (Directory.Exists(old))
                Directory.Delete(old, recursive: true);
            else
                File.Delete(old);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
