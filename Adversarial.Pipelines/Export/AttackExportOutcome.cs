using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Reports;

namespace MlNetAdversarial.Pipelines.Export;

/// <summary>What <see cref="AttackExport"/> wrote, with the per-image outcomes behind its report.</summary>
internal sealed record AttackExportOutcome(RobustnessReport Report, DatasetManifest Manifest, SweepOutcomes Outcomes, SweepHeader Header)
    : IDisposable
{
    /// <summary>Deletes the spilled scores of the outcomes.</summary>
    public void Dispose() => Outcomes.Dispose();
}
