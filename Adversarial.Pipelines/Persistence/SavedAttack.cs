using System.Text.Json;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Pipelines.Persistence;

/// <summary>One of the library's attacks as a saved pipeline stores it: its name, options record and settings.</summary>
/// <param name="Name">The attack's <see cref="IAttack.Name"/>.</param>
/// <param name="Options">Its options record, as JSON.</param>
/// <param name="Targeting">Targeting kind.</param>
/// <param name="TargetLabel">The class of a fixed target (else -1).</param>
/// <param name="TargetColumn">The column of per-row targets (else null).</param>
/// <param name="OnlyCorrect">Whether only correctly classified images are attacked.</param>
/// <param name="EarlyStop">Whether iterative attacks stop on fooled images.</param>
/// <param name="Seed">Seed of the per-image random choices.</param>
internal sealed record SavedAttack(string Name, JsonElement Options, TargetingKind Targeting, int TargetLabel, string? TargetColumn,
    bool OnlyCorrect, bool EarlyStop, int Seed)
{
    /// <exception cref="NotSupportedException">The attack is not one of the library's (a user's own IAttack).</exception>
    public static SavedAttack From(IAttack attack)
    {
        ArgumentNullException.ThrowIfNull(attack);
        object options = attack switch
        {
            FgsmAttack a => a.Options,
            BimAttack a => a.Options,
            PgdAttack a => a.Options,
            MiFgsmAttack a => a.Options,
            DeepFoolAttack a => a.Options,
            CarliniWagnerL2Attack a => a.Options,
            SquareAttack a => a.Options,
            _ => throw new NotSupportedException(
                $"{attack.GetType().Name} ('{attack.Name}') is not one of the library's attacks, so a saved pipeline cannot rebuild it."),
        };
        var settings = attack.Settings;
        return new SavedAttack(attack.Name, JsonSerializer.SerializeToElement(options, options.GetType(), ReportWriter.Json),
            settings.Targeting.Kind, settings.Targeting.Label, settings.Targeting.ColumnName, settings.OnlyCorrect, settings.EarlyStop, settings.Seed);
    }

    /// <exception cref="InvalidDataException">The name or the targeting is unknown.</exception>
    public IAttack Create()
    {
        var settings = new AttackSettings
        {
            Targeting = Targeting switch
            {
                TargetingKind.Untargeted => AttackTargeting.Untargeted,
                TargetingKind.FixedLabel => AttackTargeting.Fixed(TargetLabel),
                TargetingKind.Column => AttackTargeting.FromColumn(TargetColumn ?? throw new InvalidDataException("A column-targeted attack without its column.")),
                TargetingKind.RandomOther => AttackTargeting.RandomOther,
                TargetingKind.LeastLikely => AttackTargeting.LeastLikely,
                _ => throw new InvalidDataException($"Unknown targeting '{Targeting}'."),
            },
            OnlyCorrect = OnlyCorrect,
            EarlyStop = EarlyStop,
            Seed = Seed,
        };
        return Name switch
        {
            "fgsm" => new FgsmAttack(Read<FgsmAttackOptions>(), settings),
            "bim" => new BimAttack(Read<BimAttackOptions>(), settings),
            "pgd" => new PgdAttack(Read<PgdAttackOptions>(), settings),
            "mifgsm" => new MiFgsmAttack(Read<MiFgsmAttackOptions>(), settings),
            "deepfool" => new DeepFoolAttack(Read<DeepFoolAttackOptions>(), settings),
            "cw" => new CarliniWagnerL2Attack(Read<CarliniWagnerL2AttackOptions>(), settings),
            "square" => new SquareAttack(Read<SquareAttackOptions>(), settings),
            _ => throw new InvalidDataException($"Unknown attack '{Name}' in a saved pipeline."),
        };
    }

    private T Read<T>() => Options.Deserialize<T>(ReportWriter.Json) ?? throw new InvalidDataException($"Attack '{Name}' has no options.");
}
