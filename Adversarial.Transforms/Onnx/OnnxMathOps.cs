using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Unary math (Pow, Sqrt, Exp, Log, Abs, …), the newer activations (HardSigmoid, HardSwish, Softplus, Mish, Gelu) and the variadic Min, Max, Sum, Mean.</summary>
internal static class OnnxMathOps
{
    // PyTorch's Hardsigmoid and Hardswish export as alpha 1/6 (as a float) and beta 0.5; torch's fused kernels compute exactly that.
    private const float TorchAlpha = 1f / 6f;

    public static IEnumerable<OnnxOp> All =>
    [
        new("Pow", (_, i) => [Pow(i[0]!, i[1]!)], []),
        new("Sqrt", (_, i) => [i[0]!.sqrt()], []),
        new("Exp", (_, i) => [i[0]!.exp()], []),
        new("Log", (_, i) => [i[0]!.log()], []),
        new("Neg", (_, i) => [i[0]!.neg()], []),
        new("Abs", (_, i) => [i[0]!.abs()], []),
        new("Reciprocal", (_, i) => [i[0]!.reciprocal()], []),
        new("Sign", (_, i) => [i[0]!.sign()], []),
        new("Floor", (_, i) => [i[0]!.floor()], []),
        new("Ceil", (_, i) => [i[0]!.ceil()], []),
        // torch rounds halves to even, as ONNX asks.
        new("Round", (_, i) => [i[0]!.round()], []),
        new("Erf", (_, i) => [i[0]!.erf()], []),
        new("Softplus", (_, i) => [Softplus(i[0]!)], []),
        new("Softsign", (_, i) => [i[0]! / i[0]!.abs().Plus(Scalars.One)], []),
        new("HardSigmoid", HardSigmoid, ["alpha", "beta"]),
        new("HardSwish", (_, i) => [nn.functional.hardswish(i[0]!)], []),
        new("Mish", (_, i) => [i[0]! * Softplus(i[0]!).tanh()], []),
        new("Gelu", Gelu, ["approximate"],
            n => n.String("approximate", "none") is "none" or "tanh" ? null : $"approximate {n.String("approximate", "")} (expected none or tanh)"),
        new("Min", (_, i) => [Fold(i, minimum)], []),
        new("Max", (_, i) => [Fold(i, maximum)], []),
        new("Sum", (_, i) => [Fold(i, (a, b) => a.Plus(b))], []),
        new("Mean", (_, i) => [Fold(i, (a, b) => a.Plus(b)) / Scalars.Of(i.Length)], []),
    ];

    /// <summary>The result has the base's element type (opset 12 lets the exponent's differ); a float exponent of an integer base is applied in double.</summary>
    private static Tensor Pow(Tensor x, Tensor exponent)
    {
        if (!x.is_floating_point() && exponent.is_floating_point())
            return x.to_type(ScalarType.Float64).pow(exponent.to_type(ScalarType.Float64)).to_type(x.dtype);
        return x.pow(exponent.to_type(x.dtype));
    }

    private static Tensor[] HardSigmoid(OnnxNode node, Tensor?[] inputs)
    {
        float alpha = node.Float("alpha", 0.2f), beta = node.Float("beta", 0.5f);
        if (alpha == TorchAlpha && beta == 0.5f)
            return [nn.functional.hardsigmoid(inputs[0]!)];
        return [(inputs[0]! * Scalars.Of(alpha)).Plus(Scalars.Of(beta)).clamp(Scalars.Zero, Scalars.One)];
    }

    /// <summary>
    /// The exact form as ½·x·erfc(−x/√2): the spec's ½·x·(1 + erf(x/√2)) loses most digits in float32 for x below
    /// about −4 (1 + erf cancels), where libtorch's fused gelu is 10% off (3e-7 at x = −4.84, exact −3.1e-6).
    /// </summary>
    private static Tensor[] Gelu(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        if (node.String("approximate", "none") == "tanh")
            return [nn.functional.gelu(x, TorchSharp.Modules.GELU.Approximate.tanh)];
        return [x * (x * Scalars.Of(-Math.Sqrt(0.5))).erfc() * Scalars.Of(0.5)];
    }

    /// <summary>log(1 + eˣ) without overflow, as −log σ(−x); torch's softplus and mish make temporary Scalars (see <see cref="Scalars"/>).</summary>
    private static Tensor Softplus(Tensor x) => nn.functional.logsigmoid(x.neg()).neg();

    private static Tensor Fold(Tensor?[] inputs, Func<Tensor, Tensor, Tensor> combine)
    {
        var present = inputs.Where(t => t is not null).Select(t => t!).ToArray();
        if (present.Length == 0)
            throw new ArgumentException("the operator needs at least one input.");
        return present.Length == 1 ? present[0].alias() : present.Skip(1).Aggregate(present[0], combine);
    }
}
