using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

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

    /// <summary>The batch's images as a tensor [N, C, H, W] on the classifier's device.</summary>
    protected Tensor ImagesOf(ImageBatch batch) =>
        TensorCopy.FromFloats(batch.Images, Classifier.InputShape.BatchShape(batch.Count), Classifier.Device);

    /// <summary>The batch's class indices [N] on the classifier's device.</summary>
    protected Tensor LabelsOf(ImageBatch batch) => TensorCopy.FromLongs(batch.Labels, Classifier.Device);

    /// <summary>The batch's target classes [N] on the classifier's device, or null when no target column is read.</summary>
    protected Tensor? TargetsOf(ImageBatch batch) => TargetColumn is null ? null : TensorCopy.FromLongs(batch.Targets, Classifier.Device);

    /// <summary>Fills every output buffer for the first <see cref="ImageBatch.Count"/> rows.</summary>
    public abstract void Compute(ImageBatch batch);
}
