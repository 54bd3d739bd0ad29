using MlNetAdversarial.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// A folder of PNG/JPEG images with one sub-folder per class (the folder name is the class name),
/// loaded through Microsoft.ML.ImageAnalytics: LoadImages → ResizeImages → (ConvertToGrayscale) →
/// ExtractPixels, into the same <c>Image</c>/<c>Label</c> columns as the built-in datasets.
/// </summary>
public static class ImageFolderLoader
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    private sealed class FolderImage
    {
        public string ImagePath { get; set; } = "";

        public string ClassName { get; set; } = "";
    }

    private sealed class ClassNameRow
    {
        public string Name { get; set; } = "";
    }

    /// <summary>Loads the folder for a model that takes <paramref name="shape"/> and knows <paramref name="classNames"/>.</summary>
    /// <exception cref="DatasetUnavailableException">The folder is missing or empty, an image is unreadable,
    /// or the class folders do not fit the model's classes.</exception>
    public static IDataView Load(MLContext ml, string folder, ImageShape shape, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (shape.Channels is not (1 or 3))
            throw new ArgumentException($"Image folders feed 1-channel (grayscale) or 3-channel (RGB) models; this model takes {shape}.");
        var images = Scan(folder, classNames);
        var rows = ml.Data.LoadFromEnumerable(images);
        var keys = ml.Data.LoadFromEnumerable(classNames.Select(n => new ClassNameRow { Name = n }));
        var colors = shape.Channels == 1
            ? ImagePixelExtractingEstimator.ColorBits.Red
            : ImagePixelExtractingEstimator.ColorBits.Rgb;
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey(AdversarialColumns.Label, nameof(FolderImage.ClassName), keyData: keys)
            .Append(ml.Transforms.LoadImages("RawImage", imageFolder: null, inputColumnName: nameof(FolderImage.ImagePath)))
            .Append(ml.Transforms.ResizeImages("RawImage", shape.Width, shape.Height, "RawImage"));
        if (shape.Channels == 1)
            pipeline = pipeline.Append(ml.Transforms.ConvertToGrayscale("RawImage", "RawImage"));
        pipeline = pipeline.Append(ml.Transforms.ExtractPixels(AdversarialColumns.Image, "RawImage", colors, scaleImage: 1f / 255));
        return pipeline.Fit(rows).Transform(rows);
    }

    private static FolderImage[] Scan(string folder, IReadOnlyList<string> classNames)
    {
        if (!Directory.Exists(folder))
            throw new DatasetUnavailableException($"Image folder {folder} does not exist.");
        var classFolders = Directory.GetDirectories(folder).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        var files = classFolders.SelectMany(d => Directory.EnumerateFiles(d)
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new FolderImage { ImagePath = f, ClassName = Path.GetFileName(d) }))
            .ToArray();
        if (files.Length == 0)
            throw new DatasetUnavailableException(
                $"Image folder {folder} holds no .png/.jpg/.jpeg images in class sub-folders (expected {folder}/<class name>/<image>).");
        var names = classFolders.Select(Path.GetFileName).ToArray();
        var unknown = names.Where(n => !classNames.Contains(n!)).ToArray();
        if (unknown.Length > 0)
            throw new DatasetUnavailableException(
                $"Image folder {folder} has {names.Length} class folders ({string.Join(", ", names)}) but the model has " +
                $"{classNames.Count} classes ({string.Join(", ", classNames)}); {string.Join(", ", unknown)} is not one of them. " +
                "Name each sub-folder after a class of the model.");
        foreach (var file in files)
            CheckReadable(file.ImagePath);
        return files;
    }

    private static void CheckReadable(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetUnavailableException($"{path} cannot be read: {e.Message}", e);
        }
        if (ImageFileCheck.Problem(bytes) is { } problem)
            throw new DatasetUnavailableException($"{path} is not a whole PNG or JPEG image: {problem}. Replace or remove it.");
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var image = MLImage.CreateFromStream(stream);
        }
        // ImageAnalytics says "Invalid path" for any file its decoder refuses.
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or NotSupportedException)
        {
            throw new DatasetUnavailableException($"{path} is not a whole PNG or JPEG image: the decoder refuses it. Replace or remove it.", e);
        }
    }
}
