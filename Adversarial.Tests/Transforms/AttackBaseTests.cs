using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>What <see cref="Attack{TOptions}"/> and <see cref="AttackOptions"/> give every registered attack.</summary>
public sealed class AttackBaseTests
{
    public static TheoryData<string> Attacks => new(AttackRegistry.All.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Attacks))]
    public void AnAttacksIdentityIsItsRegistryEntrysAndItsBudgetItsOptions(string name)
    {
        var entry = AttackRegistry.All.Get(name);
        var attack = entry.Create();
        Assert.Equal(entry.Name, attack.Name);
        Assert.Equal(entry.IsWhiteBox, attack.IsWhiteBox);
        Assert.Equal(entry.Norm, attack.Norm);
        Assert.Same(entry, AttackRegistry.Of(attack));
        if (entry.BudgetKind == AttackBudgetKind.Bounded)
        {
            var options = Assert.IsAssignableFrom<BoundedAttackOptions>(entry.OptionsOf(attack));
            Assert.Equal(options.Epsilon, attack.Budget);
            var other = attack.WithBudget(options.Epsilon / 2);
            Assert.Equal(options.Epsilon / 2, other.Budget);
            Assert.Same(entry, AttackRegistry.Of(other));
            Assert.Equal(attack.Settings, other.Settings);
            Assert.Equal(AttackParameters.Budget, attack.Parameters.Keys.First());
        }
        else
        {
            Assert.Null(attack.Budget);
            Assert.Same(attack, attack.WithBudget(0.5));
            Assert.DoesNotContain(AttackParameters.Budget, attack.Parameters.Keys);
        }
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void EveryTunableOptionIsSetByNameFromItsTextAndTheRestIsKept(string name)
    {
        var entry = AttackRegistry.All.Get(name);
        var defaults = entry.DefaultOptions;
        foreach (var property in entry.TunableOptions)
        {
            object value = property.GetValue(defaults) ?? (Nullable.GetUnderlyingType(property.PropertyType) == typeof(double) ? 0.125 : 1);
            string text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
            var edited = defaults.With(property.Name.ToLowerInvariant(), text);
            Assert.IsType(entry.OptionsType, edited);
            Assert.Equal(value, property.GetValue(edited));
            foreach (var other in entry.TunableOptions.Where(p => p != property))
                Assert.Equal(other.GetValue(defaults), other.GetValue(edited));
        }
    }

    [Fact]
    public void WithConvertsValuesAndLeavesTheOriginalAlone()
    {
        var defaults = new PgdAttackOptions();
        var edited = (PgdAttackOptions)defaults.With("Steps", 80).With("norm", "L2").With("StepSize", 1).With("Epsilon", "0.5").With("RandomStart", "false");
        Assert.Equal(new PgdAttackOptions { Steps = 80, Norm = PerturbationNorm.L2, StepSize = 1.0, Epsilon = 0.5, RandomStart = false }, edited);
        Assert.Equal(new PgdAttackOptions(), defaults);
        Assert.Null(((PgdAttackOptions)edited.With("StepSize", null)).StepSize);
    }

    [Fact]
    public void AValueOfTheWrongKindOrAnUnknownOptionIsRefusedNamingIt()
    {
        var options = new PgdAttackOptions();
        var wrong = Assert.Throws<OptionValueException>(() => options.With("Steps", "many"));
        Assert.Equal(("Steps", "many", "a whole number"), (wrong.Option, wrong.Value, wrong.Expected));
        Assert.Equal("one of linf, l2", Assert.Throws<OptionValueException>(() => options.With("Norm", "l1")).Expected);
        Assert.Throws<OptionValueException>(() => options.With("Steps", 2.5));
        Assert.Throws<OptionValueException>(() => options.With("Steps", null));
        var unknown = Assert.Throws<ArgumentException>(() => options.With("Decay", 1.0));
        Assert.StartsWith("PgdAttackOptions has no option 'Decay'; it has ", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Steps", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SweepBudgetsMeanCleanTheAttacksOwnOrEpsilon()
    {
        var pgd = new PgdAttack(new PgdAttackOptions());
        Assert.True(SweepBudgets.IsClean(0));
        Assert.False(SweepBudgets.IsClean(null));
        Assert.Null(SweepBudgets.AttackAt(pgd, 0));
        Assert.Same(pgd, SweepBudgets.AttackAt(pgd, null));
        Assert.Equal(0.1, SweepBudgets.AttackAt(pgd, 0.1)!.Budget);
        Assert.Equal([0, 0.1, 0.2], SweepBudgets.For(pgd, [0, 0.1, 0.2]));
        Assert.Equal([0, null], SweepBudgets.For(new DeepFoolAttack(new DeepFoolAttackOptions()), [0, 0.1]));
    }
}
