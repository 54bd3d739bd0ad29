using System.Reflection;
using System.Reflection.Emit;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.Attacks;
using TorchSharp;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// No library method hands libtorch a temporary <see cref="Scalar"/> (see <see cref="MlNetAdversarial.Transforms.Torch.Scalars"/>):
/// the IL of every method is searched for the implicit number → Scalar conversion and for TorchSharp's tensor operators
/// that take a number (they make such a temporary inside), and for TorchSharp's optimizer steps.
/// </summary>
public sealed class ScalarLifetimeTests
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    [Fact]
    public void NoLibraryMethodPassesATemporaryScalarToLibtorch()
    {
        var offenders = new[] { typeof(AttackRegistry).Assembly, typeof(SweepResult).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(Everything).Cast<MethodBase>().Concat(t.GetConstructors(Everything)))
            .Select(m => (Method: m, Calls: TemporaryScalars(m)))
            .Where(m => m.Calls > 0)
            .Select(m => $"{m.Method.DeclaringType!.FullName}.{m.Method.Name}: {m.Calls}")
            .ToArray();
        Assert.True(offenders.Length == 0, "Temporary Scalars (use Scalars.Of): " + string.Join("; ", offenders));
    }

    [Fact]
    public void TheSearchFindsATemporaryScalar()
    {
        var method = typeof(ScalarLifetimeTests).GetMethod(nameof(Doubles), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Equal(5, TemporaryScalars(method)); // x * 2.0, clamp's 0 and 1, square, and + of two tensors
    }

    [Fact]
    public void TheSearchFindsATorchSharpOptimizerStep()
    {
        var method = typeof(ScalarLifetimeTests).GetMethod(nameof(OptimizerStep), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Equal(1, TemporaryScalars(method));
    }

    private static torch.Tensor Doubles(torch.Tensor x) => (x * 2.0).clamp(0, 1) + x.square();

    private static void OptimizerStep(torch.optim.Optimizer optimizer) => optimizer.step();

    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static int TemporaryScalars(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            return 0;
        int found = 0;
        for (int i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += op.Size;
            if (op.OperandType == OperandType.InlineMethod && IsTemporaryScalar(method, BitConverter.ToInt32(il, i)))
                found++;
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
        return found;
    }

    private static bool IsTemporaryScalar(MethodBase caller, int token)
    {
        MethodBase callee;
        try
        {
            callee = caller.Module.ResolveMethod(token, caller.DeclaringType?.GetGenericArguments(), caller.IsGenericMethod ? caller.GetGenericArguments() : null)!;
        }
        catch (ArgumentException)
        {
            return false;
        }
        if (callee.DeclaringType == typeof(Scalar) && callee.Name == "op_Implicit")
            return true;
        // TorchSharp's optimizers pass temporary Scalars (β, 1 − β, the step size) in step(): AdamOptimizer and SgdOptimizer replace them.
        if (callee.Name == "step" && typeof(torch.optim.Optimizer).IsAssignableFrom(callee.DeclaringType))
            return true;
        if (callee.DeclaringType != typeof(torch.Tensor))
            return false;
        var parameters = callee.GetParameters();
        // TorchSharp 0.107 makes a temporary Scalar inside these too: every +, add(b) and number − tensor pass an alpha of 1,
        // square() an exponent of 2 (found by this same search run over TorchSharp.dll).
        bool sum = callee.Name is "op_Addition" || (callee.Name is "add" or "add_" && parameters.Length == 1)
            || (callee.Name is "op_Subtraction" && parameters[0].ParameterType != typeof(torch.Tensor));
        return sum || callee.Name == "square"
            || (callee.Name.StartsWith("op_", StringComparison.Ordinal) && parameters.Any(p => p.ParameterType.IsPrimitive));
    }
}
