using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Cli.Terminal;

/// <summary>Shows dataset downloads on stderr (stdout stays the results): a line per file every tenth of it.</summary>
internal sealed class DownloadReporter : IProgress<DownloadProgress>
{
    private readonly Dictionary<string, int> _shownTenths = [];

    /// <summary>A locator for the command's --data-dir whose downloads show their progress.</summary>
    public static DatasetLocator Locator(string? dataDir) => new(dataDir, progress: new DownloadReporter());

    public void Report(DownloadProgress value)
    {
        int tenths = value.TotalBytes is > 0 and var total ? (int)(10 * value.Bytes / total) : (int)(value.Bytes >> 23);
        lock (_shownTenths)
        {
            if (_shownTenths.TryGetValue(value.File, out int shown) && shown >= tenths)
                return;
            _shownTenths[value.File] = tenths;
        }
        string size = value.TotalBytes is { } all ? $" of {all / 1e6:0.0} MB ({100.0 * value.Bytes / all:0}%)" : "";
        Console.Error.WriteLine($"Downloading {value.File} from {value.Url}: {value.Bytes / 1e6:0.0} MB{size}");
    }
}
