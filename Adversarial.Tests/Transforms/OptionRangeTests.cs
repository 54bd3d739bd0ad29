using System.Reflection;
using MlNetAdversarial.Transforms.Attacks;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>The attacks' options refuse counts below their range with the property's name and what is allowed, in words a front end can reuse.</summary>
public sealed class OptionRangeTests
{
    public static TheoryData<string, string> Counts() => Options(p => p.PropertyType == typeof(int));

    public static TheoryData<string, string> IdleCounts() => Options(p => p.GetCustomAttribute<NoOpAtAttribute>() is not null);

    private static TheoryData<string, string> Options(Func<PropertyInfo, bool> which)
    {
        var rows = new TheoryData<string, string>();
        foreach (var attack in AttackRegistry.All)
            foreach (var property in attack.TunableOptions.Where(which))
                rows.Add(attack.Name, property.Name);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void ANegativeCountIsRefusedNamingItsPropertyAndWhatIsAllowed(string attackName, string property)
    {
        var descriptor = AttackRegistry.All.Find(attackName)!;
        var error = Assert.Throws<OptionOutOfRangeException>(() => descriptor.Create(new Dictionary<string, object?> { [property] = -1 }, AttackSettings.Default));
        Assert.Equal(property, error.ParamName);
        Assert.StartsWith("a whole number >= ", error.Allowed);
        Assert.DoesNotContain(property, error.Allowed);
    }

    [Theory]
    [MemberData(nameof(IdleCounts))]
    public void ACountMarkedIdleAtAValueIsAcceptedThereAndIsTheLowestAccepted(string attackName, string property)
    {
        var descriptor = AttackRegistry.All.Find(attackName)!;
        var idle = descriptor.OptionsType.GetProperty(property)!.GetCustomAttribute<NoOpAtAttribute>()!;
        Assert.NotNull(descriptor.Create(new Dictionary<string, object?> { [property] = idle.Value }, AttackSettings.Default));
        Assert.Throws<OptionOutOfRangeException>(() => descriptor.Create(new Dictionary<string, object?> { [property] = idle.Value - 1 }, AttackSettings.Default));
    }

    [Fact]
    public void StepsAreCheckedBeforeTheStepSizeDerivedFromThem()
    {
        var error = Assert.Throws<OptionOutOfRangeException>(() => new PgdAttackOptions { Steps = -1 }.Validated());
        Assert.Equal(nameof(PgdAttackOptions.Steps), error.ParamName);
    }
}
