using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MlNetAdversarial.Tests.Architecture;

/// <summary>
/// Which of an assembly's types name which of its other types, read from metadata with Mono.Cecil: base types,
/// interfaces, fields, properties, signatures, attributes, locals, and every type, method and field a body names.
/// </summary>
internal static class TypeReferenceGraph
{
    /// <summary>(user, used) pairs of types of the same assembly, outermost declaring types by full name.</summary>
    public static IReadOnlySet<(string User, string UserNamespace, string Used, string UsedNamespace)> Of(string assemblyPath) =>
        Of(assemblyPath, (module, type) => type.Namespace);

    /// <summary>
    /// The same pairs with each type placed by <paramref name="placeOf"/> instead of its namespace (null: left out), e.g. by the
    /// folder of its source file.
    /// </summary>
    public static IReadOnlySet<(string User, string UserNamespace, string Used, string UsedNamespace)> Of(string assemblyPath,
        Func<ModuleDefinition, TypeDefinition, string?> placeOf)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath, new ReaderParameters { ReadSymbols = File.Exists(Path.ChangeExtension(assemblyPath, ".pdb")) });
        var places = module.GetTypes().Where(t => !t.IsNested).ToDictionary(t => t.FullName, t => placeOf(module, t));
        var edges = new HashSet<(string, string, string, string)>();
        foreach (var type in module.GetTypes())
        {
            var user = Outermost(type);
            void Add(TypeReference? used)
            {
                switch (used)
                {
                    case null or GenericParameter:
                        return;
                    case GenericInstanceType generic:
                        foreach (var argument in generic.GenericArguments)
                            Add(argument);
                        Add(generic.ElementType);
                        return;
                    case TypeSpecification specification:
                        Add(specification.ElementType);
                        return;
                }
                if (used.Scope != module)
                    return;
                var target = Outermost(used);
                if (places.GetValueOrDefault(user.FullName) is { Length: > 0 } from && places.GetValueOrDefault(target.FullName) is { Length: > 0 } to)
                    edges.Add((user.FullName, from, target.FullName, to));
            }
            void AddMethod(MethodReference method)
            {
                Add(method.DeclaringType);
                Add(method.ReturnType);
                foreach (var parameter in method.Parameters)
                    Add(parameter.ParameterType);
                if (method is GenericInstanceMethod generic)
                    foreach (var argument in generic.GenericArguments)
                        Add(argument);
            }
            void AddAttributes(ICustomAttributeProvider provider)
            {
                foreach (var attribute in provider.CustomAttributes)
                    AddMethod(attribute.Constructor);
            }
            AddAttributes(type);
            Add(type.BaseType);
            foreach (var implemented in type.Interfaces)
                Add(implemented.InterfaceType);
            foreach (var field in type.Fields)
            {
                Add(field.FieldType);
                AddAttributes(field);
            }
            foreach (var property in type.Properties)
            {
                Add(property.PropertyType);
                AddAttributes(property);
            }
            foreach (var method in type.Methods)
            {
                AddMethod(method);
                AddAttributes(method);
                if (!method.HasBody)
                    continue;
                foreach (var local in method.Body.Variables)
                    Add(local.VariableType);
                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference named: Add(named); break;
                        case MethodReference called: AddMethod(called); break;
                        case FieldReference field: Add(field.DeclaringType); Add(field.FieldType); break;
                    }
                }
            }
        }
        return edges;
    }

    /// <summary>
    /// The sub-folder of the folder <paramref name="marker"/> that holds the type's source file (<paramref name="marker"/> itself for a file
    /// directly in it), from the debug information of its methods; null for a type without one (an interface, an enum).
    /// </summary>
    public static string? SourceFolder(TypeDefinition type, string marker)
    {
        var document = type.Methods.Concat(type.NestedTypes.SelectMany(n => n.Methods))
            .Select(m => m.DebugInformation?.SequencePoints.FirstOrDefault()?.Document?.Url).FirstOrDefault(u => u is not null);
        if (document is null)
            return null;
        var parts = document.Replace('\\', '/').Split('/');
        int at = Array.LastIndexOf(parts, marker);
        return at < 0 ? null : at == parts.Length - 2 ? marker : parts[at + 1];
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }
}
