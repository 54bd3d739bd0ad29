using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.AttackTransform;

namespace MlNetAdversarial.Pipelines.Export;

/// <summary>What <see cref="AttackExport"/> writes, and where.</summary>
/// <param name="Format">The dataset's own format.</param>
/// <param name="SourceFiles">The source files read, with their MD5 (for the manifest).</param>
/// <param name="ModelFile">The weights file (for the manifest).</param>
/// <param name="Attack">The attack.</param>
/// <param name="OutputFolder">The folder to create.</param>
/// <param name="Force">Replace an existing output folder.</param>
/// <param name="BatchSize">Rows per torch call.</param>
/// <param name="Seed">Seed recorded in the manifest and report.</param>
/// <param name="SampleCount">Images per row of the sample grid.</param>
public sealed record AttackExportRequest(
    SavedFormat Format,
    IReadOnlyList<ManifestSourceFile> SourceFiles,
    string ModelFile,
    IAttack Attack,
    string OutputFolder,
    bool Force = false,
    int BatchSize = AttackTransformOptions.DefaultBatchSize,
    int Seed = 0,
    int SampleCount = SampleGridBuilder.DefaultCount)
{
    /// <summary>Below this clean accuracy the report warns that the model may not work on the data (<see cref="Evaluation.ChanceLevelCheck"/>); 0: never.</summary>
    public double MinimumCleanAccuracy { get; init; } = Evaluation.ChanceLevelCheck.DefaultMinimumCleanAccuracy;

    /// <summary>Whether the sanity checks run, and where their outcome is cached (default: run every time).</summary>
    public Evaluation.SanityCheckOptions SanityChecks { get; init; } = Evaluation.SanityCheckOptions.Default;
}
