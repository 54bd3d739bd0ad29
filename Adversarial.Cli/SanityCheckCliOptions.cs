using System.CommandLine;
using MlNetAdversarial.Pipelines.Evaluation;

namespace MlNetAdversarial.Cli;

/// <summary>
/// <c>--no-sanity-checks</c> and <c>--sanity-cache DIR</c>: whether a run checks the model before attacking and where the
/// outcome is kept. By default it is kept beside the run's report (a <c>.sanity-checks</c> folder next to --out, or next to
/// --json), so the same model and settings run again (a re-run, another shard) read it instead of attacking 100 images again.
/// </summary>
internal sealed class SanityCheckCliOptions
{
    public const string CacheFolderName = ".sanity-checks";

    private readonly Option<bool> _skip = new("--no-sanity-checks")
    {
        Description = "Skip the sanity checks (masked gradients, a black-box attack beating PGD-40, AutoAttack's model checks); the report then carries a WARNING saying so.",
    };

    private readonly Option<string?> _cache = CliOption.OutputFolder("--sanity-cache",
        $"Folder that keeps sanity-check outcomes keyed by model hash and settings (default: {CacheFolderName} beside --out or --json; none without them).");

    public void AddTo(Command command)
    {
        command.Options.Add(_skip);
        command.Options.Add(_cache);
    }

    /// <summary>The options for a run whose report goes to <paramref name="reportPath"/> (a folder or file; null when none is written).</summary>
    public SanityCheckOptions Read(ParseResult parsed, string? reportPath)
    {
        if (parsed.GetValue(_skip))
        {
            return parsed.GetValue(_cache) is null
                ? new SanityCheckOptions { Enabled = false }
                : throw new ArgumentException("--sanity-cache keeps the outcome of sanity checks; --no-sanity-checks skips them. Give one of the two.");
        }
        string? folder = parsed.GetValue(_cache) ?? Beside(reportPath);
        return new SanityCheckOptions { CacheFolder = folder is null ? null : Path.GetFullPath(folder) };
    }

    private static string? Beside(string? reportPath) =>
        reportPath is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath.TrimEnd('/', '\\')))!, CacheFolderName);
}
