using MlNetAdversarial.Transforms.Torch;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Carlini–Wagner L2.
/// Paper: Carlini and Wagner, "Towards Evaluating the Robustness of Neural Networks", IEEE S&amp;P 2017.
/// Norm: L2, minimal (no budget). Defaults: <see cref="CarliniWagnerL2AttackOptions"/>. Input range: [0, 1]
/// through x = (tanh(w) + 1) / 2. Minimizes ‖x − x₀‖² + c·max(margin + κ, 0) with Adam, binary-searching c
/// per image and keeping the smallest perturbation whose margin is below −κ (Carlini's compare(); the clean image where none was).
/// </summary>
public sealed class CarliniWagnerL2Attack(CarliniWagnerL2AttackOptions options, AttackSettings? settings = null) : Attack<CarliniWagnerL2AttackOptions>(Descriptor, options.Validated(), settings)
{
    private const double NoBound = 1e10;

    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<CarliniWagnerL2Attack, CarliniWagnerL2AttackOptions>("cw",
        "Carlini–Wagner L2 (2017), minimal L2", PerturbationNorm.L2, isWhiteBox: true, (o, s) => new CarliniWagnerL2Attack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["binarySearchSteps"] = Invariant($"{Options.BinarySearchSteps}");
        parameters["steps"] = Invariant($"{Options.Steps}");
        parameters["learningRate"] = Invariant($"{Options.LearningRate}");
        parameters["initialConstant"] = Invariant($"{Options.InitialConstant}");
        parameters["confidence"] = Invariant($"{Options.Confidence}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        var clean = batch.Images;
        long n = clean.shape[0];
        var best = clean.clone();
        var (two, ten, noBound) = (Scalars.Of(2.0), Scalars.Of(10.0), Scalars.Of(NoBound));
        var bestDistance = full(n, Scalars.Of(double.PositiveInfinity), device: clean.device);
        var constant = full(n, Scalars.Of(Options.InitialConstant), device: clean.device);
        var lower = zeros(n, device: clean.device);
        var upper = full(n, noBound, device: clean.device);
        var start = atanh((clean * two - Scalars.One).clamp(Scalars.Of(-1 + 1e-6), Scalars.Of(1 - 1e-6)));
        for (int round = 0; round < Options.BinarySearchSteps; round++)
        {
            using var roundScope = NewDisposeScope();
            var w = nn.Parameter(start.clone());
            using var adam = new AdamOptimizer([w], Options.LearningRate);
            var succeeded = zeros(n, dtype: ScalarType.Bool, device: clean.device);
            for (int step = 0; step < Options.Steps; step++)
            {
                using var stepScope = NewDisposeScope();
                using var gradients = enable_grad();
                var x = tanh(w).Plus(Scalars.One) / two;
                var scores = batch.Classifier.LogProbabilities(x);
                var distance = (x - clean).flatten(1).Squared().sum(1);
                var margin = AttackMath.Margin(scores, batch.Labels, batch.Targets);
                var shortOfConfidence = margin.Plus(Scalars.Of(Options.Confidence));
                var loss = distance.Plus(constant * shortOfConfidence.clamp(min: Scalars.Zero)).sum();
                adam.ZeroGrad();
                loss.backward();
                adam.Step();
                using var noGrad = no_grad();
                // Carlini's compare(): a success clears the margin by the confidence κ, for the kept example and the search alike.
                var confident = shortOfConfidence.lt(Scalars.Zero);
                var improved = confident.logical_and(distance.lt(bestDistance));
                best.copy_(where(improved.reshape(-1, 1, 1, 1), x.detach(), best));
                bestDistance.copy_(where(improved, distance.detach(), bestDistance));
                succeeded.logical_or_(confident);
            }
            using var search = no_grad();
            upper.copy_(where(succeeded, minimum(upper, constant), upper));
            lower.copy_(where(succeeded, lower, maximum(lower, constant)));
            var bracketed = upper.lt(noBound);
            constant.copy_(where(bracketed, lower.Plus(upper) / two, constant * ten));
        }
        return new AttackResult(best.MoveToOuterDisposeScope());
    }
}
