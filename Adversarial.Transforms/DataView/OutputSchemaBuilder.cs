using Microsoft.ML;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>Source columns, then the kernel's outputs (which hide source columns of the same name).</summary>
internal static class OutputSchemaBuilder
{
    public static DataViewSchema Build(DataViewSchema source, IReadOnlyList<OutputColumn> outputs)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(source);
        foreach (var output in outputs)
            builder.AddColumn(output.Name, output.Type, output.Annotations);
        return builder.ToSchema();
    }
}
