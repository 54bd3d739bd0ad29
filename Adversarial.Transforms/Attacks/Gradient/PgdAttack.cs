using MlNetAdversarial.Transforms.Torch;
using static System.FormattableString;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// Projected Gradient Descent.
/// Paper: Madry, Makelov, Schmidt, Tsipras and Vladu, "Towards Deep Learning Models Resistant to
/// Adversarial Attacks", ICLR 2018.
/// Norm: L∞ (sign steps) or L2 (normalized-gradient steps). Defaults: <see cref="PgdAttackOptions"/>
/// (ε 0.3, 40 steps of 2.5·ε/40, one random start). Input range: [0, 1].
/// Across restarts each image keeps its lowest-margin result.
/// </summary>
public sealed class PgdAttack(PgdAttackOptions options, AttackSettings? settings = null) : Attack<PgdAttackOptions>(Descriptor, options.Validated(), settings)
{
    /// <summary>The registry entry.</summary>
    public static AttackDescriptor Descriptor { get; } = AttackDescriptor.Create<PgdAttack, PgdAttackOptions>("pgd",
        "PGD (Madry et al., 2018), L∞ or L2", PerturbationNorm.Linf, isWhiteBox: true, (o, s) => new PgdAttack(o, s));

    /// <inheritdoc />
    protected override void AddParameters(IDictionary<string, string> parameters)
    {
        parameters["norm"] = Norm.ToString();
        parameters["steps"] = Invariant($"{Options.Steps}");
        parameters["stepSize"] = Invariant($"{Options.EffectiveStepSize:0.#####}");
        parameters["restarts"] = Invariant($"{Options.Restarts}");
        parameters["randomStart"] = Invariant($"{Options.RandomStart}");
    }

    /// <inheritdoc />
    public override AttackResult Run(AttackBatch batch)
    {
        using var scope = NewDisposeScope();
        if (Options.Epsilon == 0 || Options.Steps == 0)
            return new AttackResult(batch.Images.clone().MoveToOuterDisposeScope());
        Tensor? best = null, bestMargin = null;
        for (int restart = 0; restart < Options.Restarts; restart++)
        {
            var start = Options.RandomStart
                ? GradientSteps.RandomStart(batch, Options.Norm, Options.Epsilon, Settings.Seed, restart)
                : batch.Images;
            var candidate = GradientSteps.Iterate(batch, start, Options.Steps, Settings.EarlyStop, (x, gradient) => Step(x, gradient, batch.Images));
            Tensor margin;
            using (inference_mode())
                margin = AttackMath.Margin(batch.Classifier.LogProbabilities(candidate), batch.Labels, batch.Targets);
            if (best is null || bestMargin is null)
            {
                (best, bestMargin) = (candidate, margin);
                continue;
            }
            var better = margin.lt(bestMargin);
            best = where(better.reshape(-1, 1, 1, 1), candidate, best);
            bestMargin = where(better, margin, bestMargin);
            if (Settings.EarlyStop && bestMargin.lt(Scalars.Zero).all().item<bool>())
                break;
        }
        return new AttackResult(best!.MoveToOuterDisposeScope());
    }

    private Tensor Step(Tensor x, Tensor gradient, Tensor clean)
    {
        double epsilon = Options.Epsilon, alpha = Options.EffectiveStepSize;
        if (Options.Norm == PerturbationNorm.Linf)
            return AttackMath.ProjectLinf(x.Plus(Scalars.Of(alpha) * gradient.sign()), clean, epsilon);
        var direction = gradient / AttackMath.L2Norms(gradient).Plus(Scalars.Of(1e-12)).reshape(-1, 1, 1, 1);
        return AttackMath.ProjectL2(x.Plus(Scalars.Of(alpha) * direction), clean, epsilon);
    }
}
