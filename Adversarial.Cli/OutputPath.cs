namespace MlNetAdversarial.Cli;

/// <summary>Why an output path cannot be written, found before any work starts (null when it can).</summary>
internal static class OutputPath
{
    public static string? Problem(string path, bool isFolder)
    {
        string full = Path.GetFullPath(path);
        if (isFolder && File.Exists(full))
            return $"{full} is a file; expected a folder to create.";
        if (!isFolder && Directory.Exists(full))
            return $"{full} is a folder; expected a file to write.";
        string? folder = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full));
        if (folder is null)
            return $"{full} is the root of the file system; expected a path under a folder.";
        // The nearest existing ancestor says whether the folder is missing or lies under a file.
        string? existing = folder;
        while (existing is not null && !Directory.Exists(existing) && !File.Exists(existing))
            existing = Path.GetDirectoryName(existing);
        if (existing is not null && File.Exists(existing))
            return $"{full} lies under {existing}, which is a file, not a folder.";
        if (existing != folder)
            return $"the folder {folder} does not exist; create it first.";
        return CanCreateFilesIn(folder) ? null : $"the folder {folder} does not accept new files (no write permission, or a read-only file system).";
    }

    private static bool CanCreateFilesIn(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".adversarial-write-probe-{Guid.NewGuid():N}"), FileMode.CreateNew,
                FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
