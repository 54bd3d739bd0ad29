using Microsoft.ML;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Pipelines.Benchmarks;

/// <summary>The scenarios of <c>adversarial bench</c>.</summary>
internal static class BenchScenarios
{
    public static readonly IReadOnlyList<BenchScenario> All =
    [
        new("mnist-fgsm", "FGSM sweep, MNIST test set, 7 epsilons, through ML.NET (attack + scoring + Evaluate)",
            dataDir => Sweep(MnistLoader.Load(DatasetSplit.Test, new DatasetLocator(dataDir)), TorchImageClassifier.LoadLeNet,
                "lenet-mnist.bin", SweepRequest.MnistEpsilons, 128)),
        new("cifar-fgsm", "FGSM sweep, CIFAR-10 test set, 6 epsilons, through ML.NET (attack + scoring + Evaluate)",
            dataDir => Sweep(CifarLoader.Load(DatasetSplit.Test, new DatasetLocator(dataDir)), TorchImageClassifier.LoadCifarResNet,
                "cifar10-resnet.bin", SweepRequest.CifarEpsilons, 32)),
        new("mnist-fgsm-train", "The mnist-fgsm sweep on the 60,000 training images: peak memory must stay flat in dataset size",
            dataDir => Sweep(MnistLoader.Load(DatasetSplit.Train, new DatasetLocator(dataDir)), TorchImageClassifier.LoadLeNet,
                "lenet-mnist.bin", SweepRequest.MnistEpsilons, 128)),
        new("mnist-pgd40", "PGD-40 (eps 0.3), first 1,000 MNIST test images, through ML.NET; images x steps per second",
            dataDir => Pgd(MnistLoader.Load(DatasetSplit.Test, new DatasetLocator(dataDir)))),
        new("mnist-fgsm-tensors", "The mnist-fgsm attack and scoring straight on tensors, without ML.NET (its overhead is the difference)",
            dataDir => Tensors(MnistLoader.Load(DatasetSplit.Test, new DatasetLocator(dataDir)))),
    ];

    private static Func<long> Sweep(ByteImageDataView data, Func<string, TorchImageClassifier> load, string weights, IReadOnlyList<double> epsilons,
        int batchSize)
    {
        var ml = new MLContext(0);
        var classifier = load(RepositoryPaths.ShippedModel(weights));
        var request = new SweepRequest("bench", epsilons, batchSize);
        return () =>
        {
            FgsmSweepRunner.Run(ml, classifier, data, request);
            return data.Count * request.EffectiveEpsilons.Count;
        };
    }

    private static Func<long> Pgd(ByteImageDataView source)
    {
        const int Images = 1000, Steps = 40;
        var ml = new MLContext(0);
        var classifier = TorchImageClassifier.LoadLeNet(RepositoryPaths.ShippedModel("lenet-mnist.bin"));
        var data = ml.Data.TakeRows(source, Images);
        // No early stop: every image takes all 40 steps, so the rate is per step.
        var attack = new PgdAttack(new PgdAttackOptions { Epsilon = 0.3, Steps = Steps }, AttackSettings.Default with { EarlyStop = false });
        var pipeline = ml.Transforms.Attack("Image", classifier, attack).Append(ml.Transforms.ScoreImages(classifier));
        return () =>
        {
            ml.MulticlassClassification.Evaluate(pipeline.Fit(data).Transform(data));
            return (long)Images * Steps;
        };
    }

    private static Func<long> Tensors(ByteImageDataView source)
    {
        var ml = new MLContext(0);
        var classifier = TorchImageClassifier.LoadLeNet(RepositoryPaths.ShippedModel("lenet-mnist.bin"));
        float[] pixels = Microsoft.ML.Data.ColumnCursorExtensions.GetColumn<float[]>(source, "Image").SelectMany(p => p).ToArray();
        long[] labels = Microsoft.ML.Data.ColumnCursorExtensions.GetColumn<uint>(source, "Label").Select(k => (long)k - 1).ToArray();
        var epsilons = SweepRequest.MnistEpsilons;
        const int Batch = 128;
        int batches = (labels.Length + Batch - 1) / Batch;
        // One batch per torch thread, as the transforms do.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = TorchRuntime.Threads };
        return () =>
        {
            Parallel.For(0, batches, parallel, batch =>
            {
                int start = batch * Batch;
                using var scope = NewDisposeScope();
                int n = Math.Min(Batch, labels.Length - start);
                var images = tensor(pixels.AsSpan(start * 784, n * 784).ToArray(), [n, 1, 28, 28]);
                var sign = FgsmAttack.GradientSign(classifier, images, tensor(labels.AsSpan(start, n).ToArray()));
                using var inference = inference_mode();
                foreach (double epsilon in epsilons)
                {
                    var logProbabilities = classifier.LogProbabilities(FgsmAttack.Perturb(images, sign, epsilon));
                    logProbabilities.exp().contiguous();
                    logProbabilities.argmax(1).contiguous();
                }
            });
            return (long)labels.Length * epsilons.Count;
        };
    }
}
