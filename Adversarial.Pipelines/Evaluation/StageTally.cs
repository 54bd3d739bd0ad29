using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Adds up a staged attack's reports from every batch (batches report from their own worker threads) into one
/// <see cref="StageSummary"/> per stage and ε, and passes each report on to <paramref name="next"/> (a progress display).
/// </summary>
internal sealed class StageTally(IProgress<AttackStageReport>? next) : IProgress<AttackStageReport>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(double? Budget, int Stage), (string Name, int Attacked, int Fooled, double Seconds)> _stages = [];

    public void Report(AttackStageReport value)
    {
        if (value.Phase == AttackStagePhase.Finished)
        {
            lock (_lock)
            {
                var key = (value.Budget, value.StageIndex);
                var (_, attacked, fooled, seconds) = _stages.GetValueOrDefault(key, (value.Stage, 0, 0, 0));
                _stages[key] = (value.Stage, attacked + value.Attacked, fooled + value.Fooled, seconds + value.Seconds);
            }
        }
        next?.Report(value);
    }

    /// <summary>The stages at <paramref name="budget"/> over <paramref name="total"/> images, or null when none reported.</summary>
    public IReadOnlyList<StageSummary>? For(double? budget, int total)
    {
        lock (_lock)
        {
            var stages = _stages.Where(s => s.Key.Budget == budget).OrderBy(s => s.Key.Stage).Select(s => s.Value).ToArray();
            if (stages.Length == 0)
                return null;
            // Every image correct at the start is attacked by the first stage; each stage's fooled ones leave the rest.
            int robust = stages[0].Attacked;
            return stages.Select(s =>
            {
                robust -= s.Fooled;
                return new StageSummary(s.Name, s.Attacked, s.Fooled, robust, total == 0 ? 0 : (double)robust / total, s.Seconds);
            }).ToArray();
        }
    }

    /// <summary><paramref name="result"/> with each ε's stages.</summary>
    public SweepResult AddTo(SweepResult result) => result with
    {
        Epsilons = result.Epsilons.Select(e => e with { Stages = For(e.Epsilon, e.Total) }).ToArray(),
    };
}
