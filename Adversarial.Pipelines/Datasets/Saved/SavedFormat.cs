using Microsoft.ML;
using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>A dataset's own file format: how to write it and how to read a saved copy back.</summary>
/// <param name="Dataset">Dataset name.</param>
/// <param name="CreateWriter">Opens a writer for a folder and the dataset's class names.</param>
/// <param name="Load">Reads a folder written by that writer.</param>
/// <param name="DataPrefixes">Paths (relative to the folder) that hold the data, for checksum checks.</param>
/// <param name="IsPngFolder">The format is the png/ folder every attacked copy gets anyway (so it is written once).</param>
public sealed record SavedFormat(string Dataset, Func<string, IReadOnlyList<string>, IDatasetWriter> CreateWriter, Func<string, ByteImageDataView> Load,
    IReadOnlyList<string> DataPrefixes, bool IsPngFolder = false)
{
    /// <summary>The sub-folder of an attacked copy that holds its PNG images.</summary>
    public const string PngFolder = "png";

    /// <summary>A folder of images (one sub-folder per class): the copy is the png/ folder, read back as <see cref="ImageFolderDataView"/>.</summary>
    /// <param name="name">The dataset's name in manifests (the folder's name).</param>
    /// <param name="shape">The images' shape.</param>
    /// <param name="classNames">The class names, in label order (the class folders' names).</param>
    public static SavedFormat ImageFolder(string name, ImageShape shape, IReadOnlyList<string> classNames) => new(name,
        (folder, names) => new PngFolderWriter(Path.Combine(folder, PngFolder), shape, names),
        folder => ImageFolderDataView.Load(new MLContext(0), Path.Combine(folder, PngFolder), shape, classNames),
        [PngFolder + "/"], IsPngFolder: true);

    /// <summary>MNIST: IDX image and label files.</summary>
    public static readonly SavedFormat Mnist = new(MnistFiles.Name,
        (folder, _) => new IdxDatasetWriter(folder, MnistDataView.Side, MnistDataView.Side),
        folder => new MnistDataView(Path.Combine(folder, MnistFiles.TestImages.RawName), Path.Combine(folder, MnistFiles.TestLabels.RawName)),
        [MnistFiles.TestImages.RawName, MnistFiles.TestLabels.RawName]);

    /// <summary>CIFAR-10: the binary batch format.</summary>
    public static readonly SavedFormat Cifar10 = new(CifarFiles.Name,
        (folder, classNames) => new CifarDatasetWriter(folder, classNames),
        folder =>
        {
            string batches = Path.Combine(folder, CifarFiles.BatchFolder);
            return new CifarDataView([Path.Combine(batches, CifarFiles.TestBatch.RawName)],
                CifarDataView.ReadClassNames(Path.Combine(batches, CifarFiles.Meta.RawName)));
        },
        [CifarFiles.BatchFolder + "/"]);

    /// <summary>The format of a built-in dataset.</summary>
    public static SavedFormat For(string dataset) =>
        DatasetRegistry.All.Find(dataset)?.SavedFormat
        ?? throw new ArgumentException($"No saved format for dataset '{dataset}'; expected one of {DatasetRegistry.All.Names}.");

    /// <summary>Reads a saved folder after checking it against its manifest, when it has one.</summary>
    public ByteImageDataView LoadVerified(string folder)
    {
        if (ManifestFiles.Read(folder) is { } manifest)
        {
            if (manifest.Dataset != Dataset)
                throw new DatasetUnavailableException($"{folder} holds a saved {manifest.Dataset} dataset, not {Dataset}.");
            ManifestFiles.Verify(folder, manifest, DataPrefixes.ToArray());
        }
        return Load(folder);
    }
}
