using MlNetAdversarial.Transforms.Onnx;
using Onnx;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Support;

/// <summary>
/// The official ONNX backend test cases (Debian's libonnx-testdata: node/ and pytorch-converted/), and ours in the same
/// layout for operators newer than its ONNX 1.12 (Fixtures/onnx/conformance, from tools/onnx_extra_conformance_cases.py).
/// </summary>
internal static class OnnxBackendSuite
{
    public const string Folder = "/usr/share/libonnx-testdata/data";

    /// <summary>The cases written by tools/onnx_extra_conformance_cases.py.</summary>
    public static string ExtraFolder { get; } = Path.Combine(Repository.Root, "Adversarial.Tests", "Fixtures", "onnx", "conformance");

    /// <summary>One case: its folder, its graph and, where the importer accepts the graph, the imported model (else why not).</summary>
    public sealed record Case(string Directory, ModelProto Model, OnnxModel? Imported, string? Refusal)
    {
        /// <summary>"node/test_relu", as the suite names it.</summary>
        public string Name => $"{Path.GetFileName(Path.GetDirectoryName(Directory))}/{Path.GetFileName(Directory)}";

        private string Data => Path.Combine(Directory, "test_data_set_0");

        /// <summary>The graph inputs of the first data set, by name (in the caller's dispose scope).</summary>
        public Dictionary<string, Tensor> Inputs()
        {
            var initializers = Model.Graph.Initializer.Select(i => i.Name).ToHashSet();
            var inputNames = Model.Graph.Input.Select(i => i.Name).Where(n => !initializers.Contains(n)).ToArray();
            var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            for (int i = 0; i < inputNames.Length && File.Exists(Path.Combine(Data, $"input_{i}.pb")); i++)
                inputs[inputNames[i]] = Read($"input_{i}.pb");
            return inputs;
        }

        /// <summary>The expected value of graph output <paramref name="index"/>.</summary>
        public Tensor Expected(int index) => Read($"output_{index}.pb");

        private Tensor Read(string file) => OnnxTensors.ToTensor(TensorProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Data, file))));
    }

    /// <summary>Every case of the suite in name order; <see cref="Case.Imported"/> is null where the importer refuses the graph.</summary>
    public static IEnumerable<Case> Cases()
    {
        Assert.True(System.IO.Directory.Exists(Folder), $"{Folder} is missing: install Debian's libonnx-testdata (apt-get install libonnx-testdata).");
        var suites = new[] { "node", "pytorch-converted" }.Select(s => Path.Combine(Folder, s)).Append(ExtraFolder);
        foreach (string dir in suites.SelectMany(s => System.IO.Directory.EnumerateDirectories(s).Order()))
        {
            string modelPath = Path.Combine(dir, "model.onnx");
            if (!File.Exists(modelPath))
                continue;
            var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
            OnnxModel? imported = null;
            string? refusal = null;
            try
            {
                imported = OnnxImporter.Build(model, modelPath, pixelShapedGraphs: true);
            }
            catch (Exception e) when (e is OnnxUnsupportedException or NotSupportedException)
            {
                refusal = e.Message;
            }
            yield return new Case(dir, model, imported, refusal);
        }
    }
}
