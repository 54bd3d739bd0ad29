using System.Collections.Concurrent;
using TorchSharp;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>
/// TorchSharp scalars that live as long as the process, for the numbers of tensor arithmetic (<c>x * Scalars.Of(2.0)</c>,
/// <c>x.clamp(Scalars.Zero, Scalars.One)</c>). Use them instead of a bare number wherever a tensor method or operator
/// takes a <see cref="Scalar"/>.
/// </summary>
/// <remarks>
/// A bare number becomes a temporary <see cref="Scalar"/> (TorchSharp's implicit conversion, or its operators taking a
/// double, 0.107) whose last managed reference ends when its native handle is read. A garbage collection started by
/// another thread during the native call then lets the Scalar's finalizer free the native scalar while libtorch still
/// reads it. Seen here as "Unknown scalar type" (Scalar.h:339) in Square's margin and "toFloat" (Scalar.h:140) in APGD,
/// with two batches attacked in parallel; TorchSharp PRs #1434 and #1496 (open) dispose such Scalars instead. A cached
/// Scalar stays reachable, so nothing frees it; the values are few (constants and option values), so the cache stays small.
/// </remarks>
public static class Scalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Doubles = new();
    private static readonly ConcurrentDictionary<long, Scalar> Integers = new();

    /// <summary>0 (double).</summary>
    public static Scalar Zero { get; } = Of(0.0);

    /// <summary>1 (double).</summary>
    public static Scalar One { get; } = Of(1.0);

    /// <summary>The long-lived scalar holding <paramref name="value"/> as a double.</summary>
    public static Scalar Of(double value) => Doubles.GetOrAdd(value, v => v.ToScalar());

    /// <summary>The long-lived scalar holding <paramref name="value"/> as an integer (for index and count tensors).</summary>
    public static Scalar OfInteger(long value) => Integers.GetOrAdd(value, v => v.ToScalar());

    /// <summary><paramref name="a"/> + <paramref name="b"/> (TorchSharp's <c>+</c> and <c>add(b)</c> pass a temporary alpha of 1).</summary>
    public static torch.Tensor Plus(this torch.Tensor a, torch.Tensor b) => a.add(b, AlphaFor(a));

    /// <summary><paramref name="a"/> + <paramref name="b"/> for a long-lived scalar <paramref name="b"/>.</summary>
    public static torch.Tensor Plus(this torch.Tensor a, Scalar b) => a.add(b, AlphaFor(a));

    // libtorch refuses a floating-point alpha for integer tensors (index arithmetic).
    private static Scalar AlphaFor(torch.Tensor a) => a.is_floating_point() ? One : OfInteger(1);

    /// <summary>0, 1, …, <paramref name="count"/> − 1 as int64 on <paramref name="device"/> (TorchSharp's <c>arange(stop)</c> passes a
    /// temporary start and step).</summary>
    public static torch.Tensor Indices(long count, torch.Device device) =>
        torch.arange(OfInteger(0), OfInteger(count), OfInteger(1), torch.ScalarType.Int64, device);

    /// <summary>The element-wise square (TorchSharp's <c>square()</c> passes a temporary exponent of 2).</summary>
    public static torch.Tensor Squared(this torch.Tensor a) => a.pow(Of(2.0));
}
