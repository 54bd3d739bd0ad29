using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Auto-PGD with the cross-entropy (APGD-CE, the first attack of AutoAttack) or the DLR loss.
/// Paper: Croce and Hein, "Reliable evaluation of adversarial robustness with an ensemble of diverse parameter-free
/// attacks", ICML 2020; the schedule of the authors' code (see <see cref="AutoPgd"/>).
/// Norm: L∞ or L2. Defaults: <see cref="ApgdAttackOptions"/> (100 steps, one restart, ρ 0.75). Input range: [0, 1].
/// Targeted settings ascend −CE of the target (cross-entropy only). An image never fooled is returned unchanged.
/// </summary>
public sealed class ApgdAttack(ApgdAttackOptions options, AttackSettings? settings = null) : Attack<ApgdAttackOptions>(Descriptor, Checked(options, settings), settings)
{
    private const int StartStream = 200;

    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<ApgdAttack, ApgdAttackOptions>("apgd-ce",
        "APGD-CE (Croce & Hein, 2020), L∞ or L2", PerturbationNorm.Linf, isWhiteBox: true, (o, s) => new ApgdAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["norm"] = Norm.ToString();
        parameters["steps"] = Invariant($"{Options.Steps}");
        parameters["restarts"] = Invariant($"{Options.Restarts}");
        parameters["rho"] = Invariant($"{Options.Rho}");
        parameters["loss"] = Options.Loss.ToString();
        parameters["eotDraws"] = Invariant($"{Options.EotDraws}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        if (Options.Epsilon == 0 || Options.Steps == 0)
            return new AttackResult(batch.Images.clone().MoveToOuterDisposeScope());
        if (Options.Loss == ApgdLoss.Dlr && batch.Classifier.ClassCount < 3)
            throw new ArgumentException($"The DLR loss needs at least 3 classes; {batch.Classifier.Name} has {batch.Classifier.ClassCount}.");
        var labels = batch.Labels;
        var targets = batch.Targets;
        Tensor Loss(Tensor logProbabilities, Tensor rows) => Options.Loss == ApgdLoss.CrossEntropy
            ? ApgdLosses.CrossEntropy(logProbabilities, labels.index_select(0, rows), targets?.index_select(0, rows))
            : ApgdLosses.Dlr(logProbabilities, labels.index_select(0, rows));
        Tensor Fooled(Tensor logProbabilities, Tensor rows) => targets is null
            ? logProbabilities.argmax(1).ne(labels.index_select(0, rows))
            : logProbabilities.argmax(1).eq(targets.index_select(0, rows));
        return new AttackResult(ApgdRestarts.Run(batch, Options.Restarts, (pending, restart) =>
        {
            var start = AutoPgd.RandomStart(pending.Images, pending.RowIndices, Norm, Options.Epsilon, Settings.Seed, StartStream + restart);
            return AutoPgd.Run(batch.Classifier, pending.Images, start, Norm, Options.Epsilon, Options.Steps, Options.Rho, Settings.EarlyStop,
                (lp, rows) => Loss(lp, pending.Rows.index_select(0, rows)), (lp, rows) => Fooled(lp, pending.Rows.index_select(0, rows)), Options.EotDraws);
        }).MoveToOuterDisposeScope());
    }

    private static ApgdAttackOptions Checked(ApgdAttackOptions options, AttackSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Loss == ApgdLoss.Dlr && settings?.Targeting.IsTargeted == true)
            throw new ArgumentException("APGD with the DLR loss is untargeted here; the targeted DLR attack is apgd-t.");
        return options.Validated();
    }
}
