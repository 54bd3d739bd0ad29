using MlNetAdversarial.Cli;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms;

namespace MlNetAdversarial.Tests.Architecture;

/// <summary>docs/architecture.md's floors hold in the built assemblies: every reference goes down.</summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(AdversarialCatalog).Assembly.Location, typeof(DatasetRegistry).Assembly.Location, typeof(SweepCommand).Assembly.Location,
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void EveryReferenceGoesToALowerFloor(string assemblyPath)
    {
        var floors = FloorsOf(assemblyPath);
        var upward = Violations(TypeReferenceGraph.Of(assemblyPath), floors);
        Assert.True(upward.Count == 0, $"References that do not go down ({NamespaceFloors.DocumentPath}):\n{string.Join("\n", upward)}");
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void EveryNamespaceHasAFloor(string assemblyPath)
    {
        var floors = FloorsOf(assemblyPath);
        // The compiler's own namespaces (generated regular expressions) are not ours to place.
        var namespaces = TypeReferenceGraph.Of(assemblyPath).SelectMany(e => new[] { e.UserNamespace, e.UsedNamespace })
            .Where(n => n.StartsWith("MlNetAdversarial", StringComparison.Ordinal)).Distinct();
        Assert.DoesNotContain(namespaces, n => floors.FloorOf(n) is null);
    }

    [Fact]
    public void EachAttackFamilyUsesOnlyTheFoldersBelowIt()
    {
        string transforms = typeof(AdversarialCatalog).Assembly.Location;
        var floors = NamespaceFloors.Read(File.ReadAllText(NamespaceFloors.DocumentPath)).Single(t => t.Assembly == "MlNetAdversarial.Transforms.Attacks (folders)");
        var graph = TypeReferenceGraph.Of(transforms, (_, type) => type.Namespace == "MlNetAdversarial.Transforms.Attacks" ? TypeReferenceGraph.SourceFolder(type, "Attacks") : null);
        // The debug information is there (else every type is left out): PGD's folder uses Core's.
        Assert.Contains(graph, e => e.User.EndsWith(".PgdAttack", StringComparison.Ordinal) && e.UserNamespace == "Gradient" && e.UsedNamespace == "Core");
        Assert.DoesNotContain(graph.SelectMany(e => new[] { e.UserNamespace, e.UsedNamespace }), folder => floors.FloorOf(folder) is null);
        var upward = Violations(graph, floors);
        Assert.True(upward.Count == 0, $"Attack folders that do not use only lower ones ({NamespaceFloors.DocumentPath}):\n{string.Join("\n", upward)}");
    }

    [Fact]
    public void AReferenceUpOrSidewaysIsReported()
    {
        string transforms = typeof(AdversarialCatalog).Assembly.Location;
        var actual = FloorsOf(transforms);
        // Attacks use Models; with Models above Attacks, or on its floor, each of those references must be reported.
        var reversed = actual with { Floors = new Dictionary<string, int>(actual.Floors) { ["MlNetAdversarial.Transforms.Models"] = 9 } };
        var level = actual with { Floors = new Dictionary<string, int>(actual.Floors) { ["MlNetAdversarial.Transforms.Models"] = actual.Floors["MlNetAdversarial.Transforms.Attacks"] } };
        var graph = TypeReferenceGraph.Of(transforms);
        Assert.Contains(Violations(graph, reversed), v => v.Contains("MlNetAdversarial.Transforms.Attacks.", StringComparison.Ordinal)
            && v.Contains("→ MlNetAdversarial.Transforms.Models.TorchImageClassifier", StringComparison.Ordinal));
        Assert.Contains(Violations(graph, level), v => v.Contains("→ MlNetAdversarial.Transforms.Models.", StringComparison.Ordinal));
        Assert.Empty(Violations(graph, actual));
    }

    [Fact]
    public void TheTablesNameEachNamespaceOnce()
    {
        var tables = NamespaceFloors.Read(File.ReadAllText(NamespaceFloors.DocumentPath));
        Assert.Equal(["MlNetAdversarial.Transforms", "MlNetAdversarial.Transforms.Attacks (folders)", "MlNetAdversarial.Pipelines", "adversarial (the command line)"],
            tables.Select(t => t.Assembly));
        Assert.Throws<InvalidDataException>(() => NamespaceFloors.Read("## A\n| 0 | N.One | x |\n| 1 | N.One | y |\n"));
    }

    [Theory]
    [InlineData(typeof(AdversarialCatalog))]
    [InlineData(typeof(DatasetRegistry))]
    public void LibrariesNameNoCommandLineFlagInTheirMessages(Type inAssembly)
    {
        // A flag in a library's text means a rule phrased for one caller; the command line adds its flags to domain errors.
        var flagged = LibraryStrings.Of(inAssembly.Assembly.Location).Where(LibraryStrings.NamesAFlag).ToArray();
        Assert.True(flagged.Length == 0, $"Library strings that name a flag:\n{string.Join("\n", flagged)}");
        Assert.True(LibraryStrings.NamesAFlag("put them in --data-dir x"));
        Assert.False(LibraryStrings.NamesAFlag("x -- y; a--b"));
    }

    private static NamespaceFloors FloorsOf(string assemblyPath)
    {
        var tables = NamespaceFloors.Read(File.ReadAllText(NamespaceFloors.DocumentPath));
        string name = Mono.Cecil.AssemblyDefinition.ReadAssembly(assemblyPath).Name.Name;
        return tables.Single(t => t.Assembly.Split(' ')[0] == name);
    }

    private static List<string> Violations(IEnumerable<(string User, string UserNamespace, string Used, string UsedNamespace)> graph, NamespaceFloors floors) =>
        graph.Where(e => e.UserNamespace != e.UsedNamespace && floors.FloorOf(e.UsedNamespace) >= floors.FloorOf(e.UserNamespace))
            .Select(e => $"{e.User} (floor {floors.FloorOf(e.UserNamespace)}) → {e.Used} (floor {floors.FloorOf(e.UsedNamespace)})")
            .Order(StringComparer.Ordinal).ToList();
}
