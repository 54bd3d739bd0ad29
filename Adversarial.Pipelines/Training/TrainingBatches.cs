using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>Turns rows of an <see cref="ImageArrays"/> into tensors, and measures test accuracy.</summary>
internal static class TrainingBatches
{
    /// <summary>Images in [0, 1] (pixel/255, as the loaders serve them) and class indices.</summary>
    public static (Tensor Images, Tensor Labels) ToTensors(ImageArrays set, ReadOnlySpan<int> indices)
    {
        var shape = set.Shape;
        var pixels = new float[indices.Length * shape.Size];
        var labels = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            var source = set.Image(indices[i]);
            var target = pixels.AsSpan(i * shape.Size, shape.Size);
            for (int p = 0; p < source.Length; p++)
                target[p] = source[p] / 255f;
            labels[i] = set.Labels[indices[i]];
        }
        return (tensor(pixels, [indices.Length, shape.Channels, shape.Height, shape.Width]), tensor(labels));
    }

    /// <summary>Clean accuracy of a classifier on a whole split.</summary>
    public static double Accuracy(TorchImageClassifier classifier, ImageArrays set)
    {
        using var inference = inference_mode();
        long correct = 0;
        const int batchSize = 500;
        int[] all = Enumerable.Range(0, set.Count).ToArray();
        for (int start = 0; start < set.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var (images, labels) = ToTensors(set, all.AsSpan(start, Math.Min(batchSize, set.Count - start)));
            correct += classifier.LogProbabilities(images).argmax(1).eq(labels).sum().item<long>();
        }
        return (double)correct / set.Count;
    }
}
