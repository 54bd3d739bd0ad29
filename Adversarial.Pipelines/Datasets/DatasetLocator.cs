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

    /// <summary>Creates a locator.</summary>
    /// <param name="dataDir">A folder that must hold the files (no download when given).</param>
    /// <param name="cacheRoot">Where downloads go; default <see cref="DefaultCacheRoot"/>.</param>
    /// <param name="mirrorsOverride">Mirrors to use instead of the dataset's own (tests).</param>
    public DatasetLocator(string? dataDir = null, string? cacheRoot = null, IReadOnlyList<string>? mirrorsOverride = null)
    {
        _dataDir = dataDir;
        _cacheRoot = cacheRoot ?? DefaultCacheRoot();
        _mirrorsOverride = mirrorsOverride;
    }

    /// <summary>
    /// The per-user data folder of the platform (on Linux <c>~/.local/share/mlnet-adversarial/datasets</c>),
    /// never the working folder.
    /// </summary>
    public static string DefaultCacheRoot() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "mlnet-adversarial", "datasets");

    /// <summary>The folder downloads and extractions of a dataset go to.</summary>
    public string CacheFolder(string datasetName) => Path.Combine(_cacheRoot, datasetName);

    /// <summary>Path of the file, verified; downloads it into the cache when it is nowhere and that is allowed.</summary>
    /// <param name="datasetName">Folder name of the dataset, e.g. "mnist".</param>
    /// <param name="file">The official file.</param>
    /// <param name="mirrors">Where to download it from.</param>
    /// <param name="subfolder">A folder the file may also sit in below each candidate folder.</param>
    /// <exception cref="DatasetUnavailableException">The file is missing and cannot be had, or is corrupt.</exception>
    public string Locate(string datasetName, DatasetFile file, IReadOnlyList<string> mirrors, string? subfolder = null)
    {
        if (TryLocate(datasetName, file, subfolder) is { } found)
            return found;
        if (_dataDir is not null)
            throw new DatasetUnavailableException(
                $"{file.CompressedName} is not in --data-dir {_dataDir}. " + WhatToDo(datasetName, file, mirrors));
        return Download(datasetName, file, _mirrorsOverride ?? mirrors);
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

    private string Download(string datasetName, DatasetFile file, IReadOnlyList<string> mirrors)
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
                    body.CopyTo(output);
                }
                string actual = Md5Of(temp);
                if (actual != file.CompressedMd5)
                {
                    failures.Add($"{url}: MD5 {actual}, expected {file.CompressedMd5}");
                    continue;
                }
                File.Move(temp, target, overwrite: true);
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
        throw new DatasetUnavailableException(
            $"{file.CompressedName} was not found locally and could not be downloaded ({string.Join("; ", failures)}). "
            + WhatToDo(datasetName, file, mirrors));
    }

    private string WhatToDo(string datasetName, DatasetFile file, IReadOnlyList<string> mirrors)
    {
        string env = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } root
            ? Path.Combine(root, datasetName)
            : $"${EnvironmentVariable}/{datasetName}";
        return $"Download {mirrors[0]}{file.CompressedName} (MD5 {file.CompressedMd5}) and put it in "
               + $"{Path.Combine(_cacheRoot, datasetName)}, or in {env}, or in a folder passed with --data-dir.";
    }

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
