using System.Formats.Tar;
using System.IO.Compression;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// Extracts a .tar.gz into a folder, refusing any entry that would land outside it (../, absolute
/// paths, links). Entries go to a temporary sibling first and are moved into place at the end, so a
/// failed extraction leaves nothing half-written.
/// </summary>
public static class SafeTarExtractor
{
    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="targetFolder"/>.</summary>
    /// <exception cref="DatasetUnavailableException">An entry escapes the folder, is a link, or the archive is corrupt.</exception>
    public static void Extract(string archivePath, string targetFolder)
    {
        string target = Path.GetFullPath(targetFolder);
        Directory.CreateDirectory(target);
        string staging = Path.Combine(target, $".extract-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            using (var file = File.OpenRead(archivePath))
            using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            using (var reader = new TarReader(gzip))
            {
                while (reader.GetNextEntry() is { } entry)
                    ExtractEntry(archivePath, entry, staging);
            }
            foreach (string entry in Directory.EnumerateFileSystemEntries(staging))
            {
                string destination = Path.Combine(target, Path.GetFileName(entry));
                if (Directory.Exists(destination))
                    Directory.Delete(destination, recursive: true);
                if (Directory.Exists(entry))
                    Directory.Move(entry, destination);
                else
                    File.Move(entry, destination, overwrite: true);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new DatasetUnavailableException($"{archivePath}: not a readable .tar.gz archive ({e.Message}).", e);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void ExtractEntry(string archivePath, TarEntry entry, string staging)
    {
        string destination = Path.GetFullPath(Path.Combine(staging, entry.Name));
        if (!destination.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new DatasetUnavailableException(
                $"{archivePath}: entry '{entry.Name}' would be written outside the extraction folder; the archive is refused.");
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Directory.CreateDirectory(destination);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                entry.ExtractToFile(destination, overwrite: false);
                break;
            case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                throw new DatasetUnavailableException(
                    $"{archivePath}: entry '{entry.Name}' is a link; links are refused in dataset archives.");
            default:
                break; // PAX/GNU metadata entries carry no file.
        }
    }
}
