using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.ModelFormats;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Registries;

namespace MlNetAdversarial.Tests.Transforms;

public sealed class RegistryTests
{
    private sealed record Entry(string Name, params string[] Aliases) : IRegistryEntry;

    [Fact]
    public void ASecondRegistrationOfANameIsRefused()
    {
        var error = Assert.Throws<DuplicateRegistrationException>(() => new Registry<Entry>("widget", [new("a"), new("b"), new("A")]));
        Assert.Equal("A", error.Key);
        Assert.Contains("'a' and 'A' both claim 'A'", error.Message);
        var twice = new Entry("c");
        Assert.Contains("registered twice", Assert.Throws<DuplicateRegistrationException>(() => new Registry<Entry>("widget", [twice, twice])).Message);
    }

    [Fact]
    public void AKeyClaimedByTwoEntriesIsRefused()
    {
        var error = Assert.Throws<DuplicateRegistrationException>(() =>
            new Registry<Entry>("format", [new("x", ".one"), new("y", ".two", ".one")], keysOf: e => e.Aliases));
        Assert.Equal(".one", error.Key);
    }

    [Fact]
    public void NamesAreFoundIgnoringCaseAndSpacesAndUnknownOnesListTheNames()
    {
        var registry = new Registry<Entry>("widget", [new("alpha"), new("beta", "b")], keysOf: e => e.Aliases);
        Assert.Equal("beta", registry.Find(" BETA ")!.Name);
        Assert.Equal("beta", registry.Get("b").Name);
        Assert.Null(registry.Find("gamma"));
        var error = Assert.Throws<UnknownEntryException>(() => registry.Get("gamma"));
        Assert.Equal("'gamma' is not a known widget; expected one of alpha, beta.", error.Message);
        Assert.Equal(["alpha", "beta"], error.Known);
        Assert.Equal("alpha, beta", registry.Names);
    }

    [Fact]
    public void AnOrdinalRegistryTellsCaseApart()
    {
        var registry = new Registry<Entry>("ONNX operator", [new("Max"), new("MAX")], StringComparer.Ordinal);
        Assert.Equal("MAX", registry.Find("MAX")!.Name);
        Assert.Null(registry.Find("max"));
    }

    [Fact]
    public void TheLibrarysRegistriesHoldWhatTheyList()
    {
        Assert.Equal(12, AttackRegistry.All.Count);
        Assert.Same(PgdAttack.Descriptor, AttackRegistry.All.Get("PGD"));
        Assert.Same(ArchitectureRegistry.LeNet, ArchitectureRegistry.All.Get("lenet"));
        Assert.Same(DatasetRegistry.Cifar10, DatasetRegistry.All.Get("cifar10"));
        Assert.Same(ModelFormatRegistry.Onnx, ModelFormatRegistry.For("model.ONNX"));
        Assert.Same(ModelFormatRegistry.MlNet, ModelFormatRegistry.For("model.zip"));
        Assert.Same(ModelFormatRegistry.Weights, ModelFormatRegistry.For("weights"));
        Assert.Same(ModelFormatRegistry.Weights, ModelFormatRegistry.For("weights.pth"));
    }
}
