using MlNetAdversarial.Transforms.Models;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// FAB-T: the targeted fast adaptive boundary attack (Croce and Hein, ICML 2020), as AutoAttack runs it third. For each of
/// the <see cref="FabAttackOptions.TargetClasses"/> most likely wrong classes in turn, on the images not yet fooled, it
/// linearizes z_t − z_y at the iterate, projects both the iterate and the clean image onto that hyperplane inside the box,
/// steps to a convex combination of the two projections (weight of the clean one ≤ α_max, overshoot η), and after each
/// success moves back towards the clean image by β; it keeps the smallest misclassified iterate. An image counts as fooled
/// only when that iterate lies within ε; otherwise it is returned unchanged. Norm: L∞ or L2. Input range: [0, 1].
/// </summary>
/// <remarks>
/// With early stop an image leaves the run once its best iterate is within ε: its smallest norm can only shrink, so the
/// outcome at ε is the one all iterations give. Without it, every image runs all iterations and keeps its smallest one.
/// </remarks>
public sealed class FabAttack(FabAttackOptions options, AttackSettings? settings = null) : Attack<FabAttackOptions>(Descriptor, options.Validated(), UntargetedOnly(settings))
{
    private const int StartStream = 500;

    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<FabAttack, FabAttackOptions>("fab",
        "FAB-T, targeted fast adaptive boundary (Croce & Hein, 2020), L∞ or L2", PerturbationNorm.Linf, isWhiteBox: true,
        (o, s) => new FabAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["norm"] = Norm.ToString();
        parameters["steps"] = Invariant($"{Options.Steps}");
        parameters["restarts"] = Invariant($"{Options.Restarts}");
        parameters["targetClasses"] = Invariant($"{Options.TargetClasses}");
        parameters["alphaMax"] = Invariant($"{Options.AlphaMax}");
        parameters["eta"] = Invariant($"{Options.Eta}");
        parameters["beta"] = Invariant($"{Options.Beta}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        if (Options.Epsilon == 0 || Options.Steps == 0)
            return new AttackResult(batch.Images.clone().MoveToOuterDisposeScope());
        int classes = batch.Classifier.ClassCount;
        if (Options.TargetClasses > classes - 1)
            throw new ArgumentException($"FAB-T with {Options.TargetClasses} target classes needs at least {Options.TargetClasses + 1} classes; "
                + $"{batch.Classifier.Name} has {classes}.");
        return new AttackResult(ApgdRestarts.RunPerTarget(batch, Options.TargetClasses, Options.Restarts, StageStepRelay.For(batch, this), (pending, targets, targetRank, restart) =>
        {
            // The authors' restarts after the first start at a random point of half the budget.
            var start = restart == 0 ? pending.Images
                : AutoPgd.RandomStart(pending.Images, pending.RowIndices, Norm, Options.Epsilon / 2, Settings.Seed, StartStream + 16 * targetRank + restart);
            return FabRun.Targeted(batch.Classifier, pending.Images, start, batch.Labels.index_select(0, pending.Rows), targets, Options, Settings.EarlyStop);
        }).MoveToOuterDisposeScope());
    }

    private static AttackSettings UntargetedOnly(AttackSettings? settings) => settings?.Targeting.IsTargeted == true
        ? throw new ArgumentException("FAB-T chooses its own target classes (the most likely wrong ones); give untargeted settings.")
        : settings ?? AttackSettings.Default;
}
