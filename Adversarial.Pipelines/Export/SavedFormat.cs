using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Pipelines.Export;

/// <summary>A dataset's own file format: how to write it and how to read a saved copy back.</summary>
/// <param name="Dataset">Dataset name.</param>
/// <param name="CreateWriter">Opens a writer for a folder and the dataset's class names.</param>
/// <param name="Load">Reads a folder written by that writer.</param>
/// <param name="DataPrefixes">Paths (relative to the folder) that hold the data, for checksum checks.</param>
public sealed record SavedFormat(string Dataset, Func<string, IReadOnlyList<string>, IDatasetWriter> CreateWriter, Func<string, ByteImageDataView> Load,
    IReadOnlyList<string> DataPrefixes)
{
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
        DatasetRegistry.Find(dataset)?.SavedFormat
        ?? throw new ArgumentException($"No saved format for dataset '{dataset}'; expected one of {DatasetRegistry.Names}.");

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
