using MlNetAdversarial.Transforms.Models;

namespace MlNetAdversarial.Transforms.DataView;

/// <summary>
/// The torch computation behind a batched transformer: it reads a batch's images (and labels) and
/// fills the batch's output buffers.
/// </summary>
internal abstract class ImageBatchKernel
{
    protected ImageBatchKernel(TorchImageClassifier classifier, string imageColumn, string? labelColumn, int batchSize)
    {
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        Classifier = classifier;
        ImageColumn = imageColumn;
        LabelColumn = labelColumn;
        BatchSize = batchSize;
    }

    public TorchImageClassifier Classifier { get; }

    public string ImageColumn { get; }

    /// <summary>The label column the kernel reads, or null when it needs none.</summary>
    public string? LabelColumn { get; }

    public int BatchSize { get; }

    /// <summary>A key column of target classes the kernel reads, or null.</summary>
    public virtual string? TargetColumn => null;

    public abstract IReadOnlyList<OutputColumn> Outputs { get; }

    /// <summary>Fills every output buffer for the first <see cref="ImageBatch.Count"/> rows.</summary>
    public abstract void Compute(ImageBatch batch);
}
