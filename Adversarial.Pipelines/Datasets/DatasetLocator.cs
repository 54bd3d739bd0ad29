using System.Security.Cryptography;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// Finds a dataset's official files and verifies their checksums. Looks in the folder given
/// (<c>--data-dir</c>), then under <c>$ADVERSARIAL_DATASETS</c>, then in the cache; only then downloads
/// from the canonical mirrors into the cache.
/// </summary>
public sealed class DatasetLocator
{
    /// <summary>Environment variable naming a folder that holds one sub-folder per dataset.</summary>
    public const string EnvironmentVariable = "ADVERSARIAL_DATASETS";

    private readonly string? _dataDir;
    private readonly string _cacheRoot;
    private readonly IReadOnlyList<string>? _mirrorsOverride;
    private readonly IProgress<DownloadProgress>? _progress;

    /// <summary>Creates a locator.</summary>
    /// <param name="dataDir">A folder that must hold the files (no download when given).</param>
    /// <param name="cacheRoot">Where downloads go; default <see cref="DefaultCacheRoot"/>.</param>
    /// <param name="mirrorsOverride">Mirrors to use instead of the dataset's own (tests).</param>
    /// <param name="progress">Told how far each download has come.</param>
    public DatasetLocator(string? dataDir = null, string? cacheRoot = null, IReadOnlyList<string>? mirrorsOverride = null,
        IProgress<DownloadProgress>? progress = null)
    {
        _dataDir = dataDir;
        _cacheRoot = cacheRoot ?? DefaultCacheRoot();
        _mirrorsOverride = mirrorsOverride;
        _progress = progress;
    }

    /// <summary>
    /// The per-user data folder of the platform (on Linux <c>~/.local/share/mlnet-adversarial/datasets</c>),
    /// never the working folder.
    /// </summary>
    public static string DefaultCacheRoot() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "mlnet-adversarial", "datasets");

    /// <summary>The folder that must hold the files (<c>--data-dir</c>), or null when the usual places and downloads serve.</summary>
    public string? DataDir => _dataDir;

    /// <summary>The folder downloads and extractions of a dataset go to.</summary>
    public string CacheFolder(string datasetName) => Path.Combine(_cacheRoot, datasetName);

    /// <summary>Path of the file, verified; downloads it into the cache when it is nowhere and that is allowed.</summary>
    /// <param name="datasetName">Folder name of the dataset, e.g. "mnist".</param>
    /// <param name="file">The official file.</param>
    /// <param name="mirrors">Where to download it from.</param>
    /// <param name="subfolder">A folder the file may also sit in below each candidate folder.</param>
    /// <exception cref="DatasetUnavailableException">The file is missing and cannot be had, or is corrupt.</exception>
    public string Locate(string datasetName, DatasetFile file, IReadOnlyList<string> mirrors, string? subfolder = null) =>
        LocateAll(datasetName, [file], mirrors, subfolder)[0];

    /// <summary>
    /// Paths of all the files, verified, in their order; downloads the missing ones when that is allowed. When some
    /// cannot be had, one error names every one of them, where each was looked for and what to do.
    /// </summary>
    /// <exception cref="DatasetUnavailableException">Some file is missing and cannot be had, or is corrupt.</exception>
    public IReadOnlyList<string> LocateAll(string datasetName, IReadOnlyList<DatasetFile> files, IReadOnlyList<string> mirrors,
        string? subfolder = null)
    {
        var paths = files.Select(f => TryLocate(datasetName, f, subfolder)).ToArray();
        var missing = Enumerable.Range(0, files.Count).Where(i => paths[i] is null).ToArray();
        if (missing.Length == 0)
            return paths!;
        var failures = new List<string>();
        foreach (int i in missing)
        {
            string? problem = null;
            if (_dataDir is null && TryDownload(datasetName, files[i], _mirrorsOverride ?? mirrors, out problem) is { } downloaded)
                paths[i] = downloaded;
            else
                failures.Add($"{files[i].CompressedName} (MD5 {files[i].CompressedMd5}, {mirrors[0]}{files[i].CompressedName})"
                    + (problem is null ? "" : $": {problem}"));
        }
        if (failures.Count == 0)
            return paths!;
        throw Missing(datasetName, failures, subfolder);
    }

    /// <summary>The error for the files that could not be had: each one, and every folder looked in.</summary>
    internal DatasetUnavailableException Missing(string datasetName, IReadOnlyList<string> files, string? subfolder = null, string? alternative = null)
    {
        string looked = string.Join(", ", CandidateFolders(datasetName)
            .SelectMany(folder => subfolder is null ? [folder] : new[] { folder, Path.Combine(folder, subfolder) }));
        string where = _dataDir is not null
            ? $"put them in the data folder {_dataDir}"
            : $"put them in {Path.Combine(_cacheRoot, datasetName)}, or in {EnvFolder(datasetName)}, or in a data folder of your own";
        string why = _dataDir is not null ? "not in the data folder" : "not found locally and could not be downloaded";
        return new DatasetUnavailableException($"{datasetName}: {files.Count} file(s) {why}: {string.Join("; ", files)}"
               + (alternative is null ? "" : $" (or instead {alternative})") + $". Looked in: {looked}. Download them and {where}.")
        {
            FilesMissing = true,
            DataDirectory = _dataDir,
        };
    }

    /// <summary>Path of the file if a candidate folder holds it (verified), else null; never downloads.</summary>
    /// <exception cref="DatasetUnavailableException">The file found is corrupt.</exception>
    public string? TryLocate(string datasetName, DatasetFile file, string? subfolder = null)
    {
        foreach (string candidate in CandidateFolders(datasetName))
        {
            foreach (string folder in subfolder is null ? [candidate] : new[] { candidate, Path.Combine(candidate, subfolder) })
            {
                string compressed = Path.Combine(folder, file.CompressedName);
                if (File.Exists(compressed))
                    return Verified(compressed, file.CompressedMd5);
                string raw = Path.Combine(folder, file.RawName);
                if (file.RawMd5.Length > 0 && File.Exists(raw))
                    return Verified(raw, file.RawMd5);
            }
        }
        return null;
    }

    private IEnumerable<string> CandidateFolders(string datasetName)
    {
        if (_dataDir is not null)
        {
            yield return _dataDir;
            yield return Path.Combine(_dataDir, datasetName);
            yield break;
        }
        string? shared = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(shared))
        {
            yield return Path.Combine(shared, datasetName);
            yield return shared;
        }
        yield return Path.Combine(_cacheRoot, datasetName);
    }

    private string? TryDownload(string datasetName, DatasetFile file, IReadOnlyList<string> mirrors, out string? problem)
    {
        string folder = Path.Combine(_cacheRoot, datasetName);
        string target = Path.Combine(folder, file.CompressedName);
        var failures = new List<string>();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        foreach (string mirror in mirrors)
        {
            string url = mirror + file.CompressedName;
            string temp = Path.Combine(folder, $".{file.CompressedName}.{Guid.NewGuid():N}.part");
            try
            {
                Directory.CreateDirectory(folder);
                using (var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult())
                {
                    response.EnsureSuccessStatusCode();
                    using var body = response.Content.ReadAsStream();
                    using var output = File.Create(temp);
                    Copy(body, output, new DownloadProgress(file.CompressedName, url, 0, response.Content.Headers.ContentLength));
                }
                string actual = Md5Of(temp);
                if (actual != file.CompressedMd5)
                {
                    failures.Add($"{url}: MD5 {actual}, expected {file.CompressedMd5}");
                    continue;
                }
                File.Move(temp, target, overwrite: true);
                problem = null;
                return target;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or UnauthorizedAccessException)
            {
                failures.Add($"{url}: {e.Message}");
            }
            finally
            {
                File.Delete(temp);
            }
        }
        problem = string.Join("; ", failures);
        return null;
    }

    private void Copy(Stream body, Stream output, DownloadProgress progress)
    {
        var buffer = new byte[1 << 16];
        long done = 0, reported = -1;
        int read;
        while ((read = body.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            done += read;
            // About a hundred reports per file, and the last one.
            if (_progress is not null && (done - reported >= Math.Max(1 << 16, (progress.TotalBytes ?? 0) / 100)))
            {
                _progress.Report(progress with { Bytes = done });
                reported = done;
            }
        }
        if (_progress is not null && reported != done)
            _progress.Report(progress with { Bytes = done });
    }

    private static string EnvFolder(string datasetName) =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } root
            ? Path.Combine(root, datasetName)
            : $"${EnvironmentVariable}/{datasetName}";

    private static string Verified(string path, string expectedMd5)
    {
        string actual = Md5Of(path);
        if (actual != expectedMd5)
            throw new DatasetUnavailableException(
                $"{path} has MD5 {actual}; the official file has {expectedMd5}. It is corrupt or a different file: delete it and download it again.");
        return path;
    }

    private static string Md5Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }
}
