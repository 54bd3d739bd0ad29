using System.Reflection;
using Microsoft.ML;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>Builds an estimator's output <see cref="SchemaShape"/> from its input shape and outputs.</summary>
internal static class SchemaShapes
{
    // SchemaShape.Column has no public constructor and SchemaShape.Create(DataViewSchema) is internal
    // to ML.NET (its own estimators use it through InternalsVisibleTo). It has kept this signature
    // since ML.NET 1.0; calling it is the only way to describe a new column with its annotations.
    private static readonly Func<DataViewSchema, SchemaShape> CreateShape = FindCreate();

    public static SchemaShape WithOutputs(SchemaShape input, IReadOnlyList<OutputColumn> outputs)
    {
        var outputShape = CreateShape(OutputSchemaBuilder.Build(new DataViewSchema.Builder().ToSchema(), outputs));
        var names = outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(outputShape));
    }

    /// <summary>The shape of a schema, as ML.NET's own estimators see it.</summary>
    public static SchemaShape Of(DataViewSchema schema) => CreateShape(schema);

    public static bool TryFind(SchemaShape shape, string name, out SchemaShape.Column column)
    {
        foreach (var candidate in shape)
        {
            if (candidate.Name == name)
            {
                column = candidate;
                return true;
            }
        }
        column = default;
        return false;
    }

    private static Func<DataViewSchema, SchemaShape> FindCreate()
    {
        var method = typeof(SchemaShape).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static,
            [typeof(DataViewSchema)]) ?? throw new MissingMethodException(
            $"SchemaShape.Create(DataViewSchema) not found in {typeof(SchemaShape).Assembly.GetName()}; this ML.NET version is not supported.");
        return method.CreateDelegate<Func<DataViewSchema, SchemaShape>>();
    }
}
