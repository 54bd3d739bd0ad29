using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// AutoAttack (Croce and Hein, "Reliable evaluation of adversarial robustness with an ensemble of diverse parameter-free
/// attacks", ICML 2020): its stages in order, each on the images every earlier stage left correctly classified, keeping
/// the first adversarial example found per image, with the settings of the authors' autoattack.py. Standard: APGD-CE,
/// APGD-T, FAB-T, Square (5,000 iterations, p_init 0.8, its schedule not rescaled). Rand: APGD-CE and APGD-DLR with EOT
/// over 20 draws. Norm: L∞ or L2 (Square in the same norm). Images misclassified clean are returned unchanged.
/// </summary>
public sealed class AutoAttack(AutoAttackOptions options, AttackSettings? settings = null) : Attack<AutoAttackOptions>(Descriptor, options.Validated(), UntargetedOnly(settings))
{
    private const int SquareQueries = 5000;
    private const double SquareInitialFraction = 0.8;
    private const int RandEotDraws = 20;

    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<AutoAttack, AutoAttackOptions>("autoattack",
        "AutoAttack (Croce & Hein, 2020): APGD-CE, APGD-T, FAB-T, Square; or its rand version", PerturbationNorm.Linf, isWhiteBox: true, (o, s) => new AutoAttack(o, s));

    /// <summary>The stages, in the order they run, with the authors' settings at this budget.</summary>
    public IReadOnlyList<IAttack> Stages => Options.Version == AutoAttackVersion.Rand
        ?
        [
            new ApgdAttack(new ApgdAttackOptions { Epsilon = Options.Epsilon, Norm = Norm, EotDraws = RandEotDraws }, Settings),
            new ApgdAttack(new ApgdAttackOptions { Epsilon = Options.Epsilon, Norm = Norm, Loss = ApgdLoss.Dlr, EotDraws = RandEotDraws }, Settings),
        ]
        :
        [
            new ApgdAttack(new ApgdAttackOptions { Epsilon = Options.Epsilon, Norm = Norm }, Settings),
            new ApgdTargetedAttack(new ApgdTargetedAttackOptions { Epsilon = Options.Epsilon, Norm = Norm }, Settings),
            new FabAttack(new FabAttackOptions { Epsilon = Options.Epsilon, Norm = Norm }, Settings),
            new SquareAttack(new SquareAttackOptions
            {
                Epsilon = Options.Epsilon, Norm = Norm, Queries = SquareQueries, InitialFraction = SquareInitialFraction, RescaleSchedule = false,
            }, Settings),
        ];

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["norm"] = Norm.ToString();
        parameters["version"] = Options.Version.ToString().ToLowerInvariant();
        parameters["stages"] = string.Join(" → ", Stages.Select(StageName));
    }

    /// <summary>A stage's name in reports: APGD on the DLR loss is "apgd-dlr", as in the authors' logs.</summary>
    public static string StageName(IAttack stage) =>
        stage is ApgdAttack { Options.Loss: ApgdLoss.Dlr } ? "apgd-dlr" : (stage ?? throw new ArgumentNullException(nameof(stage))).Name;

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        var staged = RunStaged(batch);
        return new AttackResult(staged.Adversarial);
    }

    /// <summary>Runs the stages and tells, per image, which stage fooled it.</summary>
    public StagedAttackResult RunStaged(AttackBatch batch) => RunSequence(batch, Stages);

    /// <summary>
    /// Runs <paramref name="stages"/> in order, each on the images correctly classified after every earlier one, keeping the
    /// first adversarial example per image (AutoAttack's scheme, for any attacks).
    /// </summary>
    public static StagedAttackResult RunSequence(AttackBatch batch, IReadOnlyList<IAttack> stages)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(stages);
        using var scope = NewDisposeScope();
        int n = (int)batch.Images.shape[0];
        var fooledBy = new int?[n];
        var result = batch.Images.clone();
        bool[] correct = Correct(batch.Classifier, batch.Images, batch.Labels);
        for (int i = 0; i < n; i++)
            fooledBy[i] = correct[i] ? null : -1;
        long firstRow = batch.RowIndices.Length == 0 ? 0 : batch.RowIndices[0];
        for (int stage = 0; stage < stages.Count; stage++)
        {
            using var stageScope = NewDisposeScope();
            long[] remaining = Enumerable.Range(0, n).Where(i => fooledBy[i] is null).Select(i => (long)i).ToArray();
            if (remaining.Length == 0)
                break;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = new AttackStageReport(AttackStagePhase.Started, stages[stage].Budget, firstRow, n, StageName(stages[stage]), stage, stages.Count,
                remaining.Length, Robust: remaining.Length);
            batch.StageProgress?.Report(report);
            var rows = tensor(remaining, device: batch.Images.device);
            var sub = new AttackBatch(batch.Classifier, batch.Images.index_select(0, rows), batch.Labels.index_select(0, rows), null,
                batch.RowIndices.Length == 0 ? remaining : remaining.Select(p => batch.RowIndices[p]).ToArray())
            {
                StageProgress = batch.StageProgress is { } outer ? new StageStepRelay(outer, report) : null,
            };
            var adversarial = stages[stage].Run(sub).Adversarial;
            bool[] still = Correct(batch.Classifier, adversarial, sub.Labels);
            var fooled = tensor(still.Select(s => !s).ToArray(), device: batch.Images.device);
            result.index_put_(where(fooled.reshape(-1, 1, 1, 1), adversarial, result.index_select(0, rows)), rows);
            for (int k = 0; k < remaining.Length; k++)
            {
                if (!still[k])
                    fooledBy[remaining[k]] = stage;
            }
            int fooledNow = still.Count(s => !s);
            batch.StageProgress?.Report(report with
            {
                Phase = AttackStagePhase.Finished, Fooled = fooledNow, Robust = remaining.Length - fooledNow, Seconds = clock.Elapsed.TotalSeconds,
            });
        }
        if (batch.StageProgress is { } progress)
        {
            int robust = fooledBy.Count(f => f is null);
            progress.Report(new AttackStageReport(AttackStagePhase.BatchDone, stages[0].Budget, firstRow, n, "", stages.Count, stages.Count, 0, Robust: robust));
        }
        return new StagedAttackResult(result.MoveToOuterDisposeScope(), fooledBy);
    }

    private static bool[] Correct(Models.TorchImageClassifier classifier, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        using var correct = classifier.LogProbabilities(images).argmax(1).eq(labels).to(ScalarType.Byte).cpu().contiguous();
        return correct.bytes.ToArray().Select(b => b != 0).ToArray();
    }

    private static AttackSettings UntargetedOnly(AttackSettings? settings) => settings?.Targeting.IsTargeted == true
        ? throw new ArgumentException("AutoAttack is untargeted (its targeted stages choose their own classes); give untargeted settings.")
        : settings ?? AttackSettings.Default;
}
