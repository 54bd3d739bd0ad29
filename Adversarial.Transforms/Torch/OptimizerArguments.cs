using TorchSharp.Modules;

namespace MlNetAdversarial.Transforms.Torch;

/// <summary>The argument checks and gradient reset the optimizers share.</summary>
internal static class OptimizerArguments
{
    public static void RequireRate(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0.");
    }

    public static void RequireFraction(double value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1).");
    }

    public static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0.");
    }

    public static void ZeroGradients(IEnumerable<Parameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }
}
