using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.BlackBox;

/// <summary>
/// An ML.NET model saved as a .zip (<c>ml.Model.Save</c>) as a black box: the model reads images from its Image column (or the
/// request's input name) and gives a Score vector; attacks see the scores only.
/// </summary>
public static class MlNetModelFile
{
    /// <summary>Loads the model and checks its schema: image column and shape, Score column and its length, class names.</summary>
    /// <exception cref="ArgumentException">The file is no ML.NET model, or its columns do not fit an image classifier of the request.</exception>
    public static TorchImageClassifier Load(string path, ModelRequest? request = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        request ??= new ModelRequest();
        if (request.Architecture is not null || request.Mean is not null || request.Std is not null)
            throw new ArgumentException($"{path} is an ML.NET model, which holds its own pipeline: an architecture or a normalization does not apply.");
        var ml = new MLContext(seed: 0);
        RegisterComponents(ml);
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = ml.Model.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException)
        {
            throw new ArgumentException($"{path} is not an ML.NET model (.zip written by ml.Model.Save): {e.Message}", e);
        }
        string imageColumn = request.InputName ?? AdversarialColumns.Image;
        var shape = Shape(path, inputSchema, imageColumn, request.InputShape);
        var oracle = new MlNetScoreOracle(model, inputSchema, shape, new MlNetOracleOptions
        {
            ImageColumnName = imageColumn, ScoreKind = request.Output ?? ClassifierOutput.Probabilities, ClassCount = request.ClassNames?.Count,
        });
        if (request.ClassNames is { } expected && oracle.SlotNames is { } recorded && !recorded.SequenceEqual(expected))
            throw new ArgumentException($"{path}: the model's Score slots are the classes [{string.Join(", ", recorded)}], "
                + $"but [{string.Join(", ", expected)}] were expected in that order.");
        return BlackBoxClassifier.Create(oracle, shape, Path.GetFileNameWithoutExtension(path), request.ClassNames ?? oracle.SlotNames,
            TorchImageClassifier.Sha256Of(path), device);
    }

    // ml.Model.Load finds a trainer's loader only in registered assemblies; a component the application ships but has not
    // touched yet (Microsoft.ML.LightGbm, FastTree, …) is loaded from beside it and registered.
    private static void RegisterComponents(MLContext ml)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic)
            .GroupBy(a => a.GetName().Name ?? "", StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.ML*.dll"))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            try
            {
                var assembly = loaded.GetValueOrDefault(name) ?? System.Reflection.Assembly.LoadFrom(file);
                ml.ComponentCatalog.RegisterAssembly(assembly);
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or System.Reflection.ReflectionTypeLoadException)
            {
                // Not a managed ML.NET component (a native library's name), or one that does not load here: models needing it fail to load, naming it.
            }
        }
    }

    private static ImageShape Shape(string path, DataViewSchema schema, string column, ImageShape? expected)
    {
        var found = schema.GetColumnOrNull(column) ?? throw new ArgumentException(
            $"{path}: the model reads no column '{column}' (it reads: {string.Join(", ", schema.Select(c => c.Name))}); name the image column.");
        if (found.Type is not VectorDataViewType { ItemType: NumberDataViewType item } vector || item.RawType != typeof(float) || vector.Size == 0)
            throw new ArgumentException($"{path}: column '{column}' holds {found.Type}; images are a known-size Vector<Single>.");
        if (vector.Dimensions.Length == 3)
        {
            var own = new ImageShape(vector.Dimensions[0], vector.Dimensions[1], vector.Dimensions[2]);
            if (expected is not null && expected != own)
                throw new ArgumentException($"{path} takes {own} images, not the data's {expected}; a black box gets no input adapter.");
            return own;
        }
        if (expected is null || expected.Size != vector.Size)
            throw new ArgumentException($"{path}: column '{column}' holds {vector.Size} values per image"
                + (expected is null ? "; give the image shape." : $", but the data's images are {expected} ({expected.Size} values)."));
        return expected;
    }
}
