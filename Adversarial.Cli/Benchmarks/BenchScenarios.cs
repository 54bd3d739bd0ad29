using Microsoft.ML;
using MlNetAdversarial.Cli.Terminal;
using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Transforms.ModelFormats;
using MlNetAdversarial.Transforms;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Cli.Benchmarks;

/// <summary>The scenarios of <c>adversarial bench</c>.</summary>
internal static class BenchScenarios
{
    public static readonly IReadOnlyList<BenchScenario> All =
    [
        new("mnist-fgsm", "FGSM sweep, MNIST test set, 7 epsilons, through ML.NET (attack + scoring + Evaluate + sanity checks)",
            inputs => Sweep(DatasetRegistry.Mnist, DatasetSplit.Test, inputs.DataDir)),
        new("cifar-fgsm", "FGSM sweep, CIFAR-10 test set, 6 epsilons, through ML.NET (attack + scoring + Evaluate + sanity checks)",
            inputs => Sweep(DatasetRegistry.Cifar10, DatasetSplit.Test, inputs.DataDir)),
        new("mnist-fgsm-onnx", "The mnist-fgsm sweep on the shipped LeNet exported to ONNX (opset 13) and imported: compare with mnist-fgsm",
            inputs => Sweep(DatasetRegistry.Mnist, DatasetSplit.Test, inputs.DataDir, "lenet.onnx")),
        new("cifar-fgsm-onnx", "The cifar-fgsm sweep on the shipped CIFAR ResNet exported to ONNX (opset 13) and imported: compare with cifar-fgsm",
            inputs => Sweep(DatasetRegistry.Cifar10, DatasetSplit.Test, inputs.DataDir, "cifar-resnet.onnx")),
        new("mnist-fgsm-train", "The mnist-fgsm sweep on the 60,000 training images: peak memory must stay flat in dataset size",
            inputs => Sweep(DatasetRegistry.Mnist, DatasetSplit.Train, inputs.DataDir)),
        new("mnist-pgd40", "PGD-40 (eps 0.3), first 1,000 MNIST test images, through ML.NET; images x steps per second",
            inputs => Pgd(DatasetRegistry.Mnist.Load(DatasetSplit.Test, DownloadReporter.Locator(inputs.DataDir)))),
        new("mnist-fgsm-tensors", "The mnist-fgsm attack and scoring straight on tensors, without ML.NET (its overhead is the difference)",
            inputs => Tensors(DatasetRegistry.Mnist.Load(DatasetSplit.Test, DownloadReporter.Locator(inputs.DataDir)))),
        new("cifar-fgsm-model", "FGSM at CIFAR-10's 6 epsilons on --model, first --limit test images: the sweep transform's attack and scoring, read once"
            + " (no sanity checks, no Evaluate); benchmarks/onnx_architectures_vs_pytorch.py runs PyTorch's loop beside it",
            inputs => ModelSweep(inputs), TakesModel: true),
        new("cifar-pgd10-model", "PGD-10 (L-inf, eps 8/255, no early stop) on --model, first --limit CIFAR-10 test images, then scoring; images x steps per second",
            inputs => ModelPgd(inputs), TakesModel: true),
    ];

    private static (MLContext Ml, IDataView Data, TorchImageClassifier Classifier) ModelInputs(BenchInputs inputs)
    {
        var dataset = DatasetRegistry.Cifar10;
        var ml = new MLContext(0);
        var data = ml.Data.TakeRows(dataset.Load(DatasetSplit.Test, DownloadReporter.Locator(inputs.DataDir)), inputs.Limit);
        var classifier = ModelFormatRegistry.Load(inputs.Model!, new ModelRequest { InputShape = dataset.Shape, ClassNames = dataset.ClassNames });
        return (ml, data, classifier);
    }

    private static Func<long> ModelSweep(BenchInputs inputs)
    {
        var (ml, data, classifier) = ModelInputs(inputs);
        var epsilons = DatasetRegistry.Cifar10.DefaultEpsilons.Where(e => e > 0).ToArray();
        var sweep = ml.Transforms.FgsmSweep(classifier, epsilons, batchSize: DatasetRegistry.Cifar10.DefaultArchitecture.CpuBatchSize);
        return () =>
        {
            var scored = sweep.Fit(data).Transform(data);
            var columns = Enumerable.Range(0, epsilons.Length).Select(i => scored.Schema[$"PredictedLabel_{i}"]).ToArray();
            using var cursor = scored.GetRowCursor(columns);
            var getters = columns.Select(c => cursor.GetGetter<uint>(c)).ToArray();
            uint label = 0;
            long rows = 0;
            while (cursor.MoveNext())
            {
                foreach (var getter in getters)
                    getter(ref label);
                rows++;
            }
            return rows * (epsilons.Length + 1);
        };
    }

    private static Func<long> ModelPgd(BenchInputs inputs)
    {
        const int Steps = 10;
        var (ml, data, classifier) = ModelInputs(inputs);
        var attack = new PgdAttack(new PgdAttackOptions { Epsilon = 8 / 255.0, Steps = Steps }, AttackSettings.Default with { EarlyStop = false });
        var pipeline = ml.Transforms.Attack(AdversarialColumns.Image, classifier, attack, batchSize: DatasetRegistry.Cifar10.DefaultArchitecture.CpuBatchSize)
            .Append(ml.Transforms.ScoreImages(classifier));
        return () =>
        {
            ml.MulticlassClassification.Evaluate(pipeline.Fit(data).Transform(data));
            return (long)inputs.Limit * Steps;
        };
    }

    private static Func<long> Sweep(DatasetDescriptor dataset, DatasetSplit split, string? dataDir, string? onnxModel = null)
    {
        var data = dataset.Load(split, DownloadReporter.Locator(dataDir));
        var ml = new MLContext(0);
        var classifier = onnxModel is null ? dataset.DefaultArchitecture.Load() : ImportEmbedded(onnxModel, dataset);
        var request = new SweepRequest("bench", dataset.DefaultEpsilons, dataset.DefaultArchitecture.CpuBatchSize);
        var attack = new FgsmAttack(new FgsmAttackOptions());
        return () =>
        {
            AttackSweepRunner.Run(ml, classifier, data, request, attack);
            return data.Count * request.EffectiveEpsilons.Count;
        };
    }

    private static TorchImageClassifier ImportEmbedded(string name, DatasetDescriptor dataset)
    {
        string path = Path.Combine(Path.GetTempPath(), $"adversarial-bench-{Guid.NewGuid():N}-{name}");
        try
        {
            using (var resource = typeof(BenchScenarios).Assembly.GetManifestResourceStream($"MlNetAdversarial.Cli.Onnx.{name}")
                       ?? throw new InvalidOperationException($"The bench's ONNX model {name} is not embedded."))
            using (var file = File.Create(path))
                resource.CopyTo(file);
            return ModelFormatRegistry.Load(path, new ModelRequest { InputShape = dataset.Shape, ClassNames = dataset.ClassNames });
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Func<long> Pgd(ByteImageDataView source)
    {
        const int Images = 1000, Steps = 40;
        var ml = new MLContext(0);
        var classifier = TorchImageClassifier.LoadLeNet();
        var data = ml.Data.TakeRows(source, Images);
        // No early stop: every image takes all 40 steps, so the rate is per step.
        var attack = new PgdAttack(new PgdAttackOptions { Epsilon = 0.3, Steps = Steps }, AttackSettings.Default with { EarlyStop = false });
        var pipeline = ml.Transforms.Attack(AdversarialColumns.Image, classifier, attack).Append(ml.Transforms.ScoreImages(classifier));
        return () =>
        {
            ml.MulticlassClassification.Evaluate(pipeline.Fit(data).Transform(data));
            return (long)Images * Steps;
        };
    }

    private static Func<long> Tensors(ByteImageDataView source)
    {
        var ml = new MLContext(0);
        var classifier = TorchImageClassifier.LoadLeNet();
        float[] pixels = Microsoft.ML.Data.ColumnCursorExtensions.GetColumn<float[]>(source, AdversarialColumns.Image).SelectMany(p => p).ToArray();
        long[] labels = Microsoft.ML.Data.ColumnCursorExtensions.GetColumn<uint>(source, AdversarialColumns.Label).Select(k => (long)k - 1).ToArray();
        var epsilons = DatasetRegistry.Mnist.DefaultEpsilons;
        var fgsm = new FgsmAttack(new FgsmAttackOptions());
        const int Batch = 128;
        int batches = (labels.Length + Batch - 1) / Batch;
        // One batch per torch thread, as the transforms do.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = TorchRuntime.ParallelBatches };
        return () =>
        {
            Parallel.For(0, batches, parallel, batch =>
            {
                int start = batch * Batch;
                using var scope = NewDisposeScope();
                int n = Math.Min(Batch, labels.Length - start);
                var images = tensor(pixels.AsSpan(start * 784, n * 784).ToArray(), [n, 1, 28, 28]);
                var prepared = fgsm.Prepare(new AttackBatch(classifier, images, tensor(labels.AsSpan(start, n).ToArray()), null, []));
                using var inference = inference_mode();
                foreach (double epsilon in epsilons)
                {
                    var logProbabilities = classifier.LogProbabilities(prepared.AdversarialAt(epsilon));
                    logProbabilities.exp().contiguous();
                    logProbabilities.argmax(1).contiguous();
                }
            });
            return (long)labels.Length * epsilons.Count;
        };
    }
}
