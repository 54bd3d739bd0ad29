using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MlNetAdversarial.Tests.Architecture;

/// <summary>The string literals an assembly's code loads (ldstr), read from metadata.</summary>
internal static partial class LibraryStrings
{
    public static IEnumerable<string> Of(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        return module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
            .SelectMany(m => m.Body.Instructions.Where(i => i.OpCode == OpCodes.Ldstr).Select(i => (string)i.Operand)).Distinct().ToArray();
    }

    /// <summary>Whether the text names a command-line flag ("--data-dir"), not a dash in prose.</summary>
    public static bool NamesAFlag(string text) => Flag().IsMatch(text);

    [GeneratedRegex(@"(^|[\s(`'""])--[a-z][a-z-]*")]
    private static partial Regex Flag();
}
