using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetAdversarial.Transforms.Scoring;

/// <summary>SlotNames and KeyValues annotations carrying class names, as ML.NET's evaluators expect.</summary>
public static class ClassAnnotations
{
    // ML.NET's annotation kind names (its AnnotationUtils.Kinds is internal).
    private const string SlotNamesKind = "SlotNames";
    private const string KeyValuesKind = "KeyValues";

    /// <summary>SlotNames annotation: one name per score slot.</summary>
    public static DataViewSchema.Annotations SlotNames(IReadOnlyList<string> classNames)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add<VBuffer<ReadOnlyMemory<char>>>(SlotNamesKind, NamesType(classNames),
            (ref VBuffer<ReadOnlyMemory<char>> names) => Fill(classNames, ref names));
        return builder.ToAnnotations();
    }

    /// <summary>KeyValues annotation: the class name of each key value.</summary>
    public static DataViewSchema.Annotations KeyValues(IReadOnlyList<string> classNames)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add<VBuffer<ReadOnlyMemory<char>>>(KeyValuesKind, NamesType(classNames),
            (ref VBuffer<ReadOnlyMemory<char>> names) => Fill(classNames, ref names));
        return builder.ToAnnotations();
    }

    private static VectorDataViewType NamesType(IReadOnlyList<string> classNames) =>
        new(TextDataViewType.Instance, classNames.Count);

    private static void Fill(IReadOnlyList<string> classNames, ref VBuffer<ReadOnlyMemory<char>> names)
    {
        var editor = VBufferEditor.Create(ref names, classNames.Count);
        for (int i = 0; i < classNames.Count; i++)
            editor.Values[i] = classNames[i].AsMemory();
        names = editor.Commit();
    }
}
