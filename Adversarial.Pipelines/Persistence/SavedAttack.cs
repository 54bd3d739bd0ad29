using System.Text.Json;
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
        var descriptor = AttackRegistry.Of(attack) ?? throw new NotSupportedException(
            $"{attack.GetType().Name} ('{attack.Name}') is not one of the library's attacks, so a saved pipeline cannot rebuild it.");
        var settings = attack.Settings;
        return new SavedAttack(descriptor.Name, descriptor.SaveOptions(attack),
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
        var descriptor = AttackRegistry.All.Find(Name) ?? throw new InvalidDataException(
            $"Unknown attack '{Name}' in a saved pipeline; this version knows {AttackRegistry.All.Names}.");
        return descriptor.Load(Options, settings);
    }
}
