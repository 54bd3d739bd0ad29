using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// FAB's projection step: the smallest change d (in L∞ or L2) that puts each point p on its hyperplane w·(p + d) = b while
/// p + d stays in the [0, 1] box (Croce and Hein, "Minimally distorted adversarial examples with a fast adaptive boundary
/// attack", ICML 2020, Section 3.1).
/// </summary>
/// <remarks>
/// After orienting w so that the point lies on its positive side (c = w·p − b ≥ 0), both norms' minimizers move each
/// coordinate against the sign of w by min(s·k_i, room_i), with room_i the distance to the box edge it moves towards,
/// k_i = 1 (L∞, s is the radius) or k_i = |w_i| (L2, s the Lagrange multiplier). The decrease of w·p is then
/// D(s) = Σ a_i·min(s, q_i) (a = |w|, q = room for L∞; a = w², q = room/|w| for L2): increasing and piecewise linear with
/// breakpoints q, so sorting q gives the segment where D(s) = c and s exactly. When even every coordinate at its edge does
/// not reach the hyperplane, each moves to its edge (the closest the box allows).
/// </remarks>
internal static class FabProjection
{
    private const double NegligibleWeight = 1e-12;

    /// <summary>The changes d [N, D] for points [N, D] and hyperplanes w [N, D], b [N].</summary>
    public static Tensor Solve(Tensor points, Tensor w, Tensor b, PerturbationNorm norm)
    {
        using var scope = NewDisposeScope();
        var c = (w * points).sum(1) - b;
        var side = where(c.ge(Scalars.Zero), ones_like(c), -ones_like(c)).unsqueeze(1);
        var oriented = w * side;
        c = c.abs();
        var magnitude = oriented.abs();
        var active = magnitude.gt(Scalars.Of(NegligibleWeight));
        // Decreasing w·p moves coordinates with w > 0 down towards 0 and those with w < 0 up towards 1.
        var room = where(oriented.gt(Scalars.Zero), points, (-points).Plus(Scalars.One)).clamp_min(Scalars.Zero);
        var (a, q) = norm == PerturbationNorm.Linf
            ? (magnitude, room)
            : (magnitude.Squared(), room / magnitude.clamp_min(Scalars.Of(NegligibleWeight)));
        a = a * active;
        q = q * active;
        var s = Breakpoint(a, q, c);
        var step = minimum(s.unsqueeze(1), q);
        if (norm == PerturbationNorm.L2)
            step = step * magnitude;
        return (-oriented.sign() * step * active).MoveToOuterDisposeScope();
    }

    /// <summary>Per row, the s ≥ 0 with Σ a·min(s, q) = c; +∞ (every coordinate at its edge) where no s reaches c.</summary>
    private static Tensor Breakpoint(Tensor a, Tensor q, Tensor c)
    {
        using var scope = NewDisposeScope();
        var (sortedQ, order) = q.sort(1);
        var sortedA = a.gather(1, order);
        var total = sortedA.sum(1, keepdim: true);
        // Before breakpoint k, the first k coordinates are capped: D(q_k) = Σ_{j<k} a_j q_j + q_k Σ_{j≥k} a_j.
        var cappedSum = (sortedA * sortedQ).cumsum(1) - sortedA * sortedQ;
        var freeWeight = (total - sortedA.cumsum(1)).Plus(sortedA);
        var atBreakpoints = cappedSum.Plus(sortedQ * freeWeight);
        var segment = atBreakpoints.lt(c.unsqueeze(1)).sum(1, keepdim: true, type: ScalarType.Int64);
        long width = q.shape[1];
        var reachable = segment.lt(Scalars.OfInteger(width)).squeeze(1);
        var index = segment.clamp_max(Scalars.OfInteger(width - 1));
        var s = (c.unsqueeze(1) - cappedSum.gather(1, index)) / freeWeight.gather(1, index).clamp_min(Scalars.Of(NegligibleWeight));
        var infinite = full_like(c, Scalars.Of(double.PositiveInfinity));
        return where(reachable, s.squeeze(1).clamp_min(Scalars.Zero), infinite).MoveToOuterDisposeScope();
    }
}
