using System.Text.RegularExpressions;

namespace MlNetAdversarial.Tests.Architecture;

/// <summary>The floors of one assembly's namespaces, as docs/architecture.md's table under the assembly's heading gives them.</summary>
internal sealed partial record NamespaceFloors(string Assembly, IReadOnlyDictionary<string, int> Floors)
{
    public static string DocumentPath => Path.Combine(Repository.Root, "docs", "architecture.md");

    /// <summary>Every assembly's table: a "## name" heading followed by rows "| floor | namespace | ... |".</summary>
    public static IReadOnlyList<NamespaceFloors> Read(string markdown)
    {
        var result = new List<NamespaceFloors>();
        string? assembly = null;
        Dictionary<string, int>? floors = null;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (assembly is not null && floors is { Count: > 0 })
                    result.Add(new NamespaceFloors(assembly, floors));
                (assembly, floors) = (line[3..].Trim(), []);
                continue;
            }
            if (floors is not null && Row().Match(line) is { Success: true } row)
            {
                string name = row.Groups["namespace"].Value;
                if (!floors.TryAdd(name, int.Parse(row.Groups["floor"].Value, System.Globalization.CultureInfo.InvariantCulture)))
                    throw new InvalidDataException($"{DocumentPath}: {name} has two floors.");
            }
        }
        if (assembly is not null && floors is { Count: > 0 })
            result.Add(new NamespaceFloors(assembly, floors));
        return result;
    }

    public int? FloorOf(string ns) => Floors.TryGetValue(ns, out int floor) ? floor : null;

    [GeneratedRegex(@"^\|\s*(?<floor>\d+)\s*\|\s*(?<namespace>[\w.]+)\s*\|")]
    private static partial Regex Row();
}
