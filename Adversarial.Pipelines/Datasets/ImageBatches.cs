using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// A built-in dataset as tensors, for training or fine-tuning your own TorchSharp network before attacking it:
/// images in [0, 1] (pixel/255, as the transforms see them) shaped [batch, channels, height, width], labels as
/// class indices (int64).
/// </summary>
public static class ImageBatches
{
    /// <summary>
    /// The whole view in batches of <paramref name="batchSize"/>, shuffled with <paramref name="seed"/> unless it is null.
    /// The view is read into memory once. Each pair's tensors belong to the caller (dispose them, or use a dispose scope).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    public static IEnumerable<(Tensor Images, Tensor Labels)> Of(ByteImageDataView view, int batchSize, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Batches(ImageArrays.Load(view), batchSize, seed);
    }

    private static IEnumerable<(Tensor Images, Tensor Labels)> Batches(ImageArrays set, int batchSize, int? seed)
    {
        int[] order = Enumerable.Range(0, set.Count).ToArray();
        if (seed is { } value)
            new Random(value).Shuffle(order);
        for (int start = 0; start < order.Length; start += batchSize)
            yield return set.ToTensors(order.AsSpan(start, Math.Min(batchSize, order.Length - start)));
    }
}
