using System.Reflection;
using TorchSharp;

namespace MlNetAdversarial.Tests.Support;

/// <summary>
/// Finds the calls that hand libtorch a temporary <see cref="Scalar"/> (see <see cref="MlNetAdversarial.Transforms.Torch.Scalars"/>):
/// the implicit number → Scalar conversion in the caller, and any TorchSharp method that makes one inside, directly or through
/// the TorchSharp methods it calls (its IL read the same way), without disposing it. A TorchSharp module built by the caller
/// counts when its <c>forward</c> makes one, and so does an optimizer's <c>step</c> (both reached only by virtual dispatch).
/// </summary>
internal sealed class TemporaryScalarSearch
{
    private static readonly Assembly TorchSharpAssembly = typeof(Scalar).Assembly;

    // Deep enough for TorchSharp's overload chains (functional → Tensor method → overload with defaults); deeper is never reached.
    private const int MaxDepth = 8;

    private readonly Dictionary<MethodBase, bool> _makesInside = [];

    /// <summary>How many calls of <paramref name="method"/>'s body hand libtorch a temporary Scalar.</summary>
    public int CountIn(MethodBase method) => IlCalls.Of(method).Count(IsTemporaryScalarCall);

    /// <summary>Whether calling <paramref name="callee"/> from outside TorchSharp hands libtorch a temporary Scalar.</summary>
    public bool IsTemporaryScalarCall(MethodBase callee) =>
        IsNumberToScalar(callee)
        || (callee.Name == "step" && typeof(torch.optim.Optimizer).IsAssignableFrom(callee.DeclaringType))
        || (callee.DeclaringType?.Assembly == TorchSharpAssembly && (MakesInside(callee, 0) || BuildsLeakyModule(callee)));

    private static bool IsNumberToScalar(MethodBase method) =>
        method.DeclaringType == typeof(Scalar) && method.Name == "op_Implicit";

    private static bool MakesScalar(MethodBase method) =>
        IsNumberToScalar(method) || (method.Name == "ToScalar" && method.DeclaringType?.Assembly == TorchSharpAssembly);

    private static bool Disposes(MethodBase method) =>
        method.Name == "Dispose" && (method.DeclaringType == typeof(Scalar) || method.DeclaringType == typeof(IDisposable));

    /// <summary>A TorchSharp method that makes a Scalar from a number and never disposes one, or calls such a method.</summary>
    private bool MakesInside(MethodBase method, int depth)
    {
        if (method.DeclaringType?.Assembly != TorchSharpAssembly || depth > MaxDepth)
            return false;
        if (_makesInside.TryGetValue(method, out bool known))
            return known;
        _makesInside[method] = false; // a recursive chain adds nothing of its own
        var calls = IlCalls.Of(method).ToArray();
        bool makes = (calls.Any(MakesScalar) && !calls.Any(Disposes))
            || calls.Where(c => !MakesScalar(c)).Any(c => MakesInside(c, depth + 1));
        return _makesInside[method] = makes;
    }

    /// <summary>A TorchSharp factory or constructor of a module whose forward makes a temporary Scalar (nn.LeakyReLU(), nn.BatchNorm2d(…)).</summary>
    private bool BuildsLeakyModule(MethodBase callee)
    {
        var built = callee is ConstructorInfo ? callee.DeclaringType : (callee as MethodInfo)?.ReturnType;
        // An abstract module's constructor is reached only from a subclass's, whose own forward is searched.
        if (built is null || built.IsAbstract || !typeof(torch.nn.Module).IsAssignableFrom(built))
            return false;
        for (var type = built; type is not null && type.Assembly == TorchSharpAssembly; type = type.BaseType)
        {
            if (IlCalls.DeclaredBy(type).Any(m => m.Name == "forward" && MakesInside(m, 0)))
                return true;
        }
        return false;
    }
}
