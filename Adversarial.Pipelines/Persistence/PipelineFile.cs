using MlNetAdversarial.Pipelines.Storage;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Reports;
using MlNetAdversarial.Transforms.AttackTransform;
using MlNetAdversarial.Transforms.DataView;
using MlNetAdversarial.Transforms.Attacks;
using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Scoring;
using TorchSharp;

namespace MlNetAdversarial.Pipelines.Persistence;

/// <summary>
/// Saves and loads a whole fitted pipeline — ML.NET transformers and ours — as one zip: each run of
/// ML.NET transformers through <c>MLContext.Model.Save</c>, each of our steps as its options record, each
/// classifier's weights once, and a manifest. (ML.NET's own Model.Save cannot store external transformers.)
/// </summary>
public static class PipelineFile
{
    private const string InputSchemaEntry = "input-schema.zip";

    /// <summary>Writes <paramref name="model"/> (fitted on <paramref name="inputSchema"/>) to <paramref name="path"/>.</summary>
    /// <exception cref="NotSupportedException">A step cannot be saved (an attack transform running a user's own IAttack).</exception>
    public static void Save(MLContext ml, ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        string full = Path.GetFullPath(path);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
            {
                WriteMlNet(ml, zip, InputSchemaEntry, [], inputSchema);
                var steps = new List<SavedStep>();
                var classifiers = new List<TorchImageClassifier>();
                var run = new List<ITransformer>();
                var schema = inputSchema;
                var runSchema = inputSchema;
                foreach (var transformer in Flatten(model))
                {
                    if (transformer is ImageBatchTransformer ours)
                    {
                        Flush(ml, zip, steps, run, runSchema);
                        int index = classifiers.FindIndex(c => ReferenceEquals(c, ours.Classifier));
                        if (index < 0)
                        {
                            classifiers.Add(ours.Classifier);
                            index = classifiers.Count - 1;
                        }
                        var (kind, options) = Describe(ours);
                        IAttack? attacking = ours switch
                        {
                            AttackTransformer a => a.Attack,
                            AttackSweepTransformer s => s.Attack,
                            _ => null,
                        };
                        JsonElement? attack = attacking is null ? null : JsonSerializer.SerializeToElement(SavedAttack.From(attacking), JsonFiles.Options);
                        steps.Add(new SavedStep(kind, null, index, JsonSerializer.SerializeToElement(options, options.GetType(), JsonFiles.Options), attack));
                    }
                    else
                    {
                        if (run.Count == 0)
                            runSchema = schema;
                        run.Add(transformer);
                    }
                    schema = transformer.GetOutputSchema(schema);
                }
                Flush(ml, zip, steps, run, runSchema);
                var saved = classifiers.Select((c, i) => SaveClassifier(zip, c, i)).ToArray();
                var manifest = new SavedPipelineManifest(ToolInfo.Name, ToolInfo.Version, steps, saved);
                using var entry = zip.CreateEntry(SavedPipelineManifest.EntryName).Open();
                JsonSerializer.Serialize(entry, manifest, JsonFiles.Options);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Reads a pipeline written by <see cref="Save"/>.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="path">The zip.</param>
    /// <param name="networkFactory">Builds networks of architectures that <see cref="ArchitectureRegistry"/> does not list.</param>
    public static LoadedPipeline Load(MLContext ml, string path, Func<string, torch.nn.Module<torch.Tensor, torch.Tensor>>? networkFactory = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        using var zip = ZipFile.OpenRead(path);
        var manifest = JsonSerializer.Deserialize<SavedPipelineManifest>(Read(zip, path, SavedPipelineManifest.EntryName), JsonFiles.Options)
            ?? throw new InvalidDataException($"{path}: empty manifest.");
        ml.Model.Load(Read(zip, path, InputSchemaEntry), out var inputSchema);
        var classifiers = manifest.Classifiers.Select(c => LoadClassifier(zip, path, c, networkFactory)).ToArray();
        var transformers = new List<ITransformer>();
        var schema = inputSchema;
        foreach (var step in manifest.Steps)
        {
            var transformer = step.Kind == "mlnet"
                ? ml.Model.Load(Read(zip, path, step.Entry!), out _)
                : Rebuild(step, classifiers[step.Classifier!.Value], schema);
            transformers.Add(transformer);
            schema = transformer.GetOutputSchema(schema);
        }
        return new LoadedPipeline(new TransformerChain<ITransformer>(transformers.ToArray()), inputSchema, classifiers);
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model) => model is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Flatten)
        : [model];

    private static (string Kind, object Options) Describe(ImageBatchTransformer transformer) => transformer switch
    {
        AttackSweepTransformer sweep => ("attack-sweep", sweep.Options),
        TorchScoringTransformer scoring => ("score", scoring.Options),
        AttackTransformer attack => ("attack", attack.Options),
        _ => throw new NotSupportedException($"{transformer.GetType().Name} cannot be saved."),
    };

    private static ITransformer Rebuild(SavedStep step, TorchImageClassifier classifier, DataViewSchema schema)
    {
        var options = step.Options ?? throw new InvalidDataException($"Step '{step.Kind}' has no options.");
        var view = new SchemaOnlyDataView(schema);
        return step.Kind switch
        {
            "attack-sweep" => new AttackSweepEstimator(classifier, SavedAttackOf(step),
                options.Deserialize<AttackSweepOptions>(JsonFiles.Options)!).Fit(view),
            "score" => new TorchScoringEstimator(classifier, options.Deserialize<ScoringOptions>(JsonFiles.Options)!).Fit(view),
            "attack" => new AttackEstimator(classifier, SavedAttackOf(step), options.Deserialize<AttackTransformOptions>(JsonFiles.Options)!).Fit(view),
            _ => throw new InvalidDataException($"Unknown step kind '{step.Kind}'."),
        };
    }

    private static IAttack SavedAttackOf(SavedStep step) =>
        (step.Attack ?? throw new InvalidDataException($"A '{step.Kind}' step without its attack.")).Deserialize<SavedAttack>(JsonFiles.Options)!.Create();

    private static void Flush(MLContext ml, ZipArchive zip, List<SavedStep> steps, List<ITransformer> run, DataViewSchema runSchema)
    {
        if (run.Count == 0)
            return;
        string entry = $"steps/{steps.Count}.mlnet.zip";
        WriteMlNet(ml, zip, entry, run, runSchema);
        steps.Add(new SavedStep("mlnet", entry, null, null));
        run.Clear();
    }

    private static void WriteMlNet(MLContext ml, ZipArchive zip, string entryName, IEnumerable<ITransformer> transformers, DataViewSchema schema)
    {
        using var buffer = new MemoryStream();
        ml.Model.Save(new TransformerChain<ITransformer>(transformers.ToArray()), schema, buffer);
        using var entry = zip.CreateEntry(entryName).Open();
        entry.Write(buffer.ToArray());
    }

    private static SavedClassifier SaveClassifier(ZipArchive zip, TorchImageClassifier classifier, int index)
    {
        if (string.IsNullOrEmpty(classifier.Architecture))
            throw new NotSupportedException($"Classifier '{classifier.Name}' has no architecture name; give one when wrapping the network.");
        string weights = Path.Combine(Path.GetTempPath(), $"adversarial-weights-{Guid.NewGuid():N}.bin");
        try
        {
            classifier.SaveWeights(weights);
            zip.CreateEntryFromFile(weights, $"classifiers/{index}.bin");
        }
        finally
        {
            File.Delete(weights);
        }
        var shape = classifier.InputShape;
        return new SavedClassifier($"classifiers/{index}.bin", classifier.Architecture, classifier.Name, classifier.WeightsSha256,
            shape.Channels, shape.Height, shape.Width, classifier.ClassNames, classifier.Mean, classifier.Std, classifier.Output,
            classifier.Adapter?.To.Dimensions);
    }

    private static TorchImageClassifier LoadClassifier(ZipArchive zip, string path, SavedClassifier saved,
        Func<string, torch.nn.Module<torch.Tensor, torch.Tensor>>? networkFactory)
    {
        var network = ArchitectureRegistry.All.Find(saved.Architecture)?.Create() ?? networkFactory?.Invoke(saved.Architecture)
            ?? throw new InvalidDataException(
                $"{path}: classifier '{saved.Name}' is a '{saved.Architecture}' network; pass a networkFactory that builds it.");
        string weights = Path.Combine(Path.GetTempPath(), $"adversarial-weights-{Guid.NewGuid():N}.bin");
        try
        {
            (zip.GetEntry(saved.Entry) ?? throw new InvalidDataException($"{path}: missing entry {saved.Entry}.")).ExtractToFile(weights);
            WeightsFiles.Load(network, weights);
        }
        finally
        {
            File.Delete(weights);
        }
        var images = new ImageShape(saved.Channels, saved.Height, saved.Width);
        var adapter = saved.NetworkInput is [int c, int h, int w] ? InputAdapter.Between(images, new ImageShape(c, h, w)) : null;
        return new TorchImageClassifier(network, images, saved.ClassNames, saved.Output,
            saved.Name, saved.WeightsSha256, saved.Mean, saved.Std, saved.Architecture, adapter: adapter);
    }

    private static MemoryStream Read(ZipArchive zip, string path, string entryName)
    {
        var entry = zip.GetEntry(entryName) ?? throw new InvalidDataException($"{path} is not a saved pipeline: no {entryName}.");
        var buffer = new MemoryStream();
        using (var stream = entry.Open())
            stream.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }
}
