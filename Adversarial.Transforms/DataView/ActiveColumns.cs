using Microsoft.ML;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>Which columns a cursor serves, and which source columns it therefore reads.</summary>
internal static class ActiveColumns
{
    public static bool[] Of(DataViewSchema schema, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        bool[] active = new bool[schema.Count];
        foreach (var column in columnsNeeded)
            active[column.Index] = true;
        return active;
    }

    public static IEnumerable<DataViewSchema.Column> SourceColumns(DataViewSchema source, ImageBatchKernel kernel, bool[] active)
    {
        var needed = new SortedSet<int>();
        for (int i = 0; i < source.Count; i++)
        {
            if (active[i])
                needed.Add(i);
        }
        if (active.Skip(source.Count).Any(a => a))
        {
            needed.Add(source[kernel.ImageColumn].Index);
            if (kernel.LabelColumn is not null)
                needed.Add(source[kernel.LabelColumn].Index);
            if (kernel.TargetColumn is not null)
                needed.Add(source[kernel.TargetColumn].Index);
        }
        return needed.Select(i => source[i]).ToArray();
    }
}
