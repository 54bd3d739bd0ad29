using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// APGD-T: Auto-PGD on the targeted DLR loss, −(z_y − z_t) / (z_π1 − (z_π3 + z_π4) / 2), run for each of the
/// <see cref="ApgdTargetedAttackOptions.TargetClasses"/> most likely wrong classes of the clean image in turn, each
/// on the images still classified correctly; success is any wrong class (as in AutoAttack, the second attack of it).
/// Paper: Croce and Hein, ICML 2020. Norm: L∞ or L2. Input range: [0, 1]. It chooses its own targets, so it takes
/// untargeted settings only. An image never fooled is returned unchanged.
/// </summary>
public sealed class ApgdTargetedAttack(ApgdTargetedAttackOptions options, AttackSettings? settings = null) : Attack<ApgdTargetedAttackOptions>(Descriptor, options.Validated(), Untargeted(settings ?? AttackSettings.Default))
{
    private const int StartStream = 300;

    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<ApgdTargetedAttack, ApgdTargetedAttackOptions>("apgd-t",
        "APGD-T, targeted DLR (Croce & Hein, 2020), L∞ or L2", PerturbationNorm.Linf, isWhiteBox: true,
        (o, s) => new ApgdTargetedAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["norm"] = Norm.ToString();
        parameters["steps"] = Invariant($"{Options.Steps}");
        parameters["restarts"] = Invariant($"{Options.Restarts}");
        parameters["rho"] = Invariant($"{Options.Rho}");
        parameters["targetClasses"] = Invariant($"{Options.TargetClasses}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        if (Options.Epsilon == 0 || Options.Steps == 0)
            return new AttackResult(batch.Images.clone().MoveToOuterDisposeScope());
        int classes = batch.Classifier.ClassCount;
        if (classes < 4 || Options.TargetClasses > classes - 1)
            throw new ArgumentException($"APGD-T with {Options.TargetClasses} target classes needs at least {Math.Max(4, Options.TargetClasses + 1)} classes; "
                + $"{batch.Classifier.Name} has {classes}.");
        var labels = batch.Labels;
        return new AttackResult(ApgdRestarts.RunPerTarget(batch, Options.TargetClasses, Options.Restarts, StageStepRelay.For(batch, this), (pending, targets, targetRank, restart) =>
        {
            var start = AutoPgd.RandomStart(pending.Images, pending.RowIndices, Norm, Options.Epsilon, Settings.Seed,
                StartStream + 16 * targetRank + restart);
            return AutoPgd.Run(batch.Classifier, pending.Images, start, Norm, Options.Epsilon, Options.Steps, Options.Rho, Settings.EarlyStop,
                (lp, rows) => ApgdLosses.TargetedDlr(lp, labels.index_select(0, pending.Rows.index_select(0, rows)), targets.index_select(0, rows)),
                (lp, rows) => lp.argmax(1).ne(labels.index_select(0, pending.Rows.index_select(0, rows))));
        }).MoveToOuterDisposeScope());
    }

    private static AttackSettings Untargeted(AttackSettings settings) => settings.Targeting.IsTargeted
        ? throw new ArgumentException("APGD-T chooses its own target classes (the most likely wrong ones); give untargeted settings.")
        : settings;
}
