using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Transforms.Models;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>Measures test accuracy on an <see cref="ImageArrays"/>.</summary>
internal static class TrainingBatches
{
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
            var (images, labels) = set.ToTensors(all.AsSpan(start, Math.Min(batchSize, set.Count - start)));
            correct += classifier.LogProbabilities(images).argmax(1).eq(labels).sum().item<long>();
        }
        return (double)correct / set.Count;
    }
}
