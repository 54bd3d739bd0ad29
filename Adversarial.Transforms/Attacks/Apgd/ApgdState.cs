using MlNetAdversarial.Transforms.Torch;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// What <see cref="AutoPgd"/> carries from one step to the next, for the images still in the run. Its tensors belong to
/// no dispose scope: <see cref="Advance"/> frees those the next state no longer holds, so memory stays one state deep.
/// </summary>
internal sealed record ApgdState : IDisposable
{
    public required Tensor Rows { get; init; }
    public required Tensor Clean { get; init; }
    public required Tensor X { get; init; }
    public required Tensor XOld { get; init; }
    public required Tensor Grad { get; init; }
    public required Tensor XBest { get; init; }
    public required Tensor GradBest { get; init; }
    public required Tensor LossBest { get; init; }
    public required Tensor LossBestLastCheck { get; init; }
    public required Tensor ReducedLastCheck { get; init; }
    public required Tensor StepSize { get; init; }
    public required Tensor History { get; init; }

    private Tensor[] All => [Rows, Clean, X, XOld, Grad, XBest, GradBest, LossBest, LossBestLastCheck, ReducedLastCheck, StepSize, History];

    /// <summary>The state at the start point; records start points that are already misclassified.</summary>
    public static ApgdState Begin(TorchImageClassifier classifier, Tensor clean, Tensor start, Tensor rows, double stepSize, int steps,
        Func<Tensor, Tensor, Tensor> loss, Func<Tensor, Tensor, Tensor> fooled, Tensor result, Tensor found, int eotDraws)
    {
        using var scope = NewDisposeScope();
        var x = start.clamp(Scalars.Zero, Scalars.One);
        var (grad, logProbabilities, current) = AutoPgd.LossAndGradient(classifier, x, rows, loss, eotDraws);
        AutoPgd.Record(result, found, rows, x, fooled(logProbabilities, rows));
        int n = (int)clean.shape[0];
        var state = new ApgdState
        {
            Rows = rows.clone(), Clean = clean.clone(), X = x, XOld = x, Grad = grad, XBest = x, GradBest = grad, LossBest = current,
            LossBestLastCheck = current,
            ReducedLastCheck = ones(n, dtype: ScalarType.Bool, device: clean.device),
            StepSize = full(n, Scalars.Of(stepSize), dtype: clean.dtype, device: clean.device),
            History = zeros(steps, n, dtype: clean.dtype, device: clean.device),
        };
        foreach (var tensor in state.All)
            tensor.DetachFromDisposeScope();
        return state;
    }

    /// <summary>The state for the rows at <paramref name="keep"/> (indices into this state's rows).</summary>
    public ApgdState Select(Tensor keep)
    {
        Tensor Pick(Tensor t) => t.index_select(0, keep);
        return new ApgdState
        {
            Rows = Pick(Rows), Clean = Pick(Clean), X = Pick(X), XOld = Pick(XOld), Grad = Pick(Grad), XBest = Pick(XBest), GradBest = Pick(GradBest),
            LossBest = Pick(LossBest), LossBestLastCheck = Pick(LossBestLastCheck), ReducedLastCheck = Pick(ReducedLastCheck),
            StepSize = Pick(StepSize), History = History.index_select(1, keep),
        };
    }

    /// <summary>Takes <paramref name="next"/> out of every dispose scope, frees this state's tensors it does not hold, returns it.</summary>
    public ApgdState Advance(ApgdState next)
    {
        var kept = new HashSet<Tensor>(next.All, ReferenceEqualityComparer.Instance);
        foreach (var tensor in next.All)
            tensor.DetachFromDisposeScope();
        foreach (var tensor in All.Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>())
            if (!kept.Contains(tensor))
                tensor.Dispose();
        return next;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in All.Distinct(ReferenceEqualityComparer.Instance).Cast<Tensor>())
            tensor.Dispose();
    }
}
