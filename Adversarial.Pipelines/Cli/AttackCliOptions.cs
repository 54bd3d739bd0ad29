using System.CommandLine;
using System.Globalization;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Pipelines.Cli;

/// <summary>The --attack option and the parameters of every attack, shared by <c>sweep</c> and <c>attack</c>.</summary>
internal sealed class AttackCliOptions
{
    public static readonly string[] Names = ["fgsm", "bim", "pgd", "mifgsm", "deepfool", "cw", "square"];

    private readonly Option<string> _attack = new("--attack") { Description = $"Attack: {string.Join(", ", Names)}.", DefaultValueFactory = _ => "fgsm" };
    private readonly Option<int?> _steps = new("--steps") { Description = "Iterations (bim, pgd, mifgsm, deepfool, cw)." };
    private readonly Option<double?> _stepSize = new("--step-size") { Description = "Step size (bim, pgd)." };
    private readonly Option<int?> _restarts = new("--restarts") { Description = "Random restarts (pgd)." };
    private readonly Option<string> _norm = new("--norm") { Description = "Norm of pgd: linf or l2.", DefaultValueFactory = _ => "linf" };
    private readonly Option<double?> _decay = new("--decay") { Description = "Momentum decay (mifgsm)." };
    private readonly Option<double?> _overshoot = new("--overshoot") { Description = "Overshoot (deepfool)." };
    private readonly Option<int?> _queries = new("--queries") { Description = "Query budget per image (square)." };
    private readonly Option<double?> _confidence = new("--confidence") { Description = "Confidence kappa (cw)." };
    private readonly Option<int?> _binarySteps = new("--binary-steps") { Description = "Binary-search rounds over c (cw)." };
    private readonly Option<string> _target = new("--target") { Description = "none, random, least-likely, or a class index.", DefaultValueFactory = _ => "none" };
    private readonly Option<bool> _onlyCorrect = new("--only-correct") { Description = "Attack only images the model gets right; pass the others through." };
    private readonly Option<bool> _noEarlyStop = new("--no-early-stop") { Description = "Keep iterating on images already fooled." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _attack, _steps, _stepSize, _restarts, _norm, _decay, _overshoot, _queries, _confidence, _binarySteps, _target, _onlyCorrect, _noEarlyStop })
            command.Options.Add(option);
    }

    /// <summary>A factory of the chosen attack for a given ε (ignored by minimal-perturbation attacks).</summary>
    public AttackChoice Read(ParseResult parsed, int seed)
    {
        string name = parsed.GetValue(_attack)!.Trim().ToLowerInvariant();
        if (!Names.Contains(name))
            throw new ArgumentException($"--attack: '{name}' is not known; expected one of {string.Join(", ", Names)}.");
        var settings = new AttackSettings
        {
            Targeting = ParseTarget(parsed.GetValue(_target)!), OnlyCorrect = parsed.GetValue(_onlyCorrect),
            EarlyStop = !parsed.GetValue(_noEarlyStop), Seed = seed,
        };
        int? steps = parsed.GetValue(_steps);
        double? stepSize = parsed.GetValue(_stepSize);
        var norm = parsed.GetValue(_norm)!.ToLowerInvariant() switch
        {
            "linf" => PerturbationNorm.Linf,
            "l2" => PerturbationNorm.L2,
            var other => throw new ArgumentException($"--norm: '{other}' is not linf or l2."),
        };
        Func<double, IAttack> create = name switch
        {
            "fgsm" => eps => new FgsmAttack(new FgsmAttackOptions { Epsilon = eps }, settings),
            "bim" => eps => new BimAttack(new BimAttackOptions { Epsilon = eps, StepSize = stepSize, Steps = steps ?? new BimAttackOptions().Steps }, settings),
            "pgd" => eps => new PgdAttack(new PgdAttackOptions
            {
                Epsilon = eps, Norm = norm, StepSize = stepSize, Steps = steps ?? new PgdAttackOptions().Steps,
                Restarts = parsed.GetValue(_restarts) ?? new PgdAttackOptions().Restarts,
            }, settings),
            "mifgsm" => eps => new MiFgsmAttack(new MiFgsmAttackOptions
            {
                Epsilon = eps, Steps = steps ?? new MiFgsmAttackOptions().Steps, Decay = parsed.GetValue(_decay) ?? new MiFgsmAttackOptions().Decay,
            }, settings),
            "deepfool" => _ => new DeepFoolAttack(new DeepFoolAttackOptions
            {
                Steps = steps ?? new DeepFoolAttackOptions().Steps, Overshoot = parsed.GetValue(_overshoot) ?? new DeepFoolAttackOptions().Overshoot,
            }, settings),
            "cw" => _ => new CarliniWagnerL2Attack(new CarliniWagnerL2AttackOptions
            {
                Steps = steps ?? new CarliniWagnerL2AttackOptions().Steps, Confidence = parsed.GetValue(_confidence) ?? 0,
                BinarySearchSteps = parsed.GetValue(_binarySteps) ?? new CarliniWagnerL2AttackOptions().BinarySearchSteps,
            }, settings),
            _ => eps => new SquareAttack(new SquareAttackOptions { Epsilon = eps, Queries = parsed.GetValue(_queries) ?? new SquareAttackOptions().Queries }, settings),
        };
        return new AttackChoice(name, create, IsMinimal: name is "deepfool" or "cw", IsL2: name is "deepfool" or "cw" || (name == "pgd" && norm == PerturbationNorm.L2));
    }

    private static AttackTargeting ParseTarget(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => AttackTargeting.Untargeted,
        "random" => AttackTargeting.RandomOther,
        "least-likely" => AttackTargeting.LeastLikely,
        var other when int.TryParse(other, NumberStyles.None, CultureInfo.InvariantCulture, out int label) => AttackTargeting.Fixed(label),
        var other => throw new ArgumentException($"--target: '{other}' is not none, random, least-likely or a class index."),
    };
}
