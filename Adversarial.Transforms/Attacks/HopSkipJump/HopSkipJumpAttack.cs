using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// HopSkipJump, a decision-based black-box attack: it sees only the predicted label.
/// Paper: Chen, Jordan and Wainwright, "HopSkipJumpAttack: A Query-Efficient Decision-Based Attack", IEEE S&amp;P 2020.
/// Norm: L2 or L∞. Defaults: <see cref="HopSkipJumpAttackOptions"/>. Input range: [0, 1]. Untargeted.
/// It searches for the smallest adversarial example it can (<see cref="HopSkipJumpSearch"/>) and returns it projected
/// into the ε-ball, so ‖x' − x‖ ≤ ε always holds and an image counts as fooled only when the search got within ε. A sweep
/// searches once per image for every ε. Queries are counted per image.
/// </summary>
public sealed class HopSkipJumpAttack(HopSkipJumpAttackOptions options, AttackSettings? settings = null) : Attack<HopSkipJumpAttackOptions>(Descriptor, options.Validated(), settings), ISweepableAttack
{
    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<HopSkipJumpAttack, HopSkipJumpAttackOptions>("hopskipjump",
        "HopSkipJump (Chen et al., 2020), L2 or L∞, decision-based black box (labels only)", PerturbationNorm.Linf, isWhiteBox: false, (o, s) => new HopSkipJumpAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["norm"] = Norm.ToString();
        parameters["iterations"] = Invariant($"{Options.Iterations}");
        parameters["initialEvaluations"] = Invariant($"{Options.InitialEvaluations}");
        parameters["maxEvaluations"] = Invariant($"{Options.MaxEvaluations}");
        parameters["initialTries"] = Invariant($"{Options.InitialTries}");
        parameters["gamma"] = Invariant($"{Options.Gamma}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        if (Options.Epsilon == 0)
            return new AttackResult(batch.Images.clone().MoveToOuterDisposeScope(), new long[batch.RowIndices.Length]);
        // With early stopping an image is done once the search is inside the ball.
        var (best, queries) = Search(batch, Settings.EarlyStop ? Options.Epsilon : null);
        return new AttackResult(Project(best, batch.Images, Options.Epsilon).MoveToOuterDisposeScope(), queries);
    }

    /// <inheritdoc />
    public PreparedSweep Prepare(AttackBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (best, queries) = Search(batch, stopAtDistance: null);
        var clean = batch.Images;
        return new PreparedSweep(budget => budget == 0 ? clean.clone() : Project(best, clean, budget), null, queries);
    }

    private (Tensor Best, long[] Queries) Search(AttackBatch batch, double? stopAtDistance)
    {
        if (batch.Targets is not null)
            throw new InvalidOperationException($"{Name} is untargeted: it minimizes the distance to any wrong class; run it without a target.");
        using var search = new HopSkipJumpSearch(new ClassifierScoreOracle(batch.Classifier), Options, batch, Settings.Seed);
        var (best, _) = search.Run(stopAtDistance);
        return (best, search.Queries);
    }

    private Tensor Project(Tensor best, Tensor clean, double budget) => Options.Norm == PerturbationNorm.L2
        ? AttackMath.ProjectL2(best, clean, budget)
        : AttackMath.ProjectLinf(best, clean, budget);
}
