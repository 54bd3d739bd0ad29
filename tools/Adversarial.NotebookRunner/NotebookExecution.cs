using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace MlNetAdversarial.NotebookRunner;

/// <summary>Executes one .ipynb cell by cell with the .NET Interactive C# kernel.</summary>
internal static class NotebookExecution
{
    /// <summary>Runs every C# cell; with <paramref name="saveOutputs"/>, writes the cells' outputs back into the file.</summary>
    public static async Task<bool> RunAsync(string path, TextWriter log, bool saveOutputs = false)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            log.WriteLine($"{path}: no such notebook");
            return false;
        }
        var document = Notebook.Parse(await File.ReadAllTextAsync(fullPath));
        var cells = document.Elements.Where(IsCSharp).ToArray();
        if (cells.Length == 0)
        {
            log.WriteLine($"{path}: no C# cells");
            return false;
        }
        string previous = Directory.GetCurrentDirectory();
        // Jupyter and Polyglot Notebooks start the kernel in the notebook's folder; relative #r paths rely on it.
        Directory.SetCurrentDirectory(Path.GetDirectoryName(fullPath)!);
        var total = Stopwatch.StartNew();
        var outputs = new List<JsonArray>();
        try
        {
            // #i "nuget: feed" and #r "nuget: package, version" as Polyglot Notebooks' C# kernel wires them.
            using var kernel = new CSharpKernel().UseKernelHelpers().UseNugetDirective((csharp, resolved) =>
            {
                csharp.AddAssemblyReferences(resolved.SelectMany(package => package.AssemblyPaths));
                return Task.CompletedTask;
            });
            for (int i = 0; i < cells.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                var result = await kernel.SendAsync(new SubmitCode(cells[i].Contents));
                var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
                var diagnostics = result.Events.OfType<DiagnosticsProduced>()
                    .SelectMany(d => d.Diagnostics).Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToArray();
                int displays = result.Events.Count(e => e is DisplayedValueProduced or ReturnValueProduced);
                if (failure is not null || diagnostics.Length > 0)
                {
                    log.WriteLine($"{Path.GetFileName(path)}: cell {i + 1} of {cells.Length} FAILED after {clock.Elapsed.TotalSeconds:0.0} s");
                    foreach (var diagnostic in diagnostics)
                        log.WriteLine($"  {diagnostic}");
                    if (failure is not null)
                        log.WriteLine($"  {failure.Message}");
                    foreach (var printed in result.Events.OfType<StandardOutputValueProduced>())
                        log.Write(Indent(string.Join("", printed.FormattedValues.Select(v => v.Value))));
                    log.WriteLine(Indent(cells[i].Contents));
                    return false;
                }
                outputs.Add(Outputs(result.Events));
                log.WriteLine($"{Path.GetFileName(path)}: cell {i + 1} of {cells.Length} ok in {clock.Elapsed.TotalSeconds:0.0} s ({displays} output(s))");
            }
            log.WriteLine($"{Path.GetFileName(path)}: all {cells.Length} cells ran in {total.Elapsed.TotalSeconds:0.0} s");
            if (saveOutputs)
            {
                await SaveOutputsAsync(fullPath, outputs);
                log.WriteLine($"{Path.GetFileName(path)}: outputs saved");
            }
            return true;
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    // Jupyter's own output shapes, written into the notebook's JSON as it is (the Documents writer
    // cannot re-serialize metadata it parsed itself in this version).
    private static JsonArray Outputs(IEnumerable<KernelEvent> events)
    {
        var outputs = new JsonArray();
        // An update replaces the display it names, as Jupyter shows it (the restore-sources display updates as packages arrive).
        var indexOfDisplay = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e)
            {
                case StandardOutputValueProduced printed:
                    outputs.Add(new JsonObject
                    {
                        ["name"] = "stdout", ["output_type"] = "stream",
                        ["text"] = string.Concat(printed.FormattedValues.Select(v => v.Value)),
                    });
                    break;
                case DisplayEvent display:
                    var data = new JsonObject();
                    foreach (var value in display.FormattedValues)
                        data[value.MimeType] = value.Value;
                    var output = new JsonObject { ["data"] = data, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
                    if (display is DisplayedValueUpdated && display.ValueId is { } id && indexOfDisplay.TryGetValue(id, out int index))
                    {
                        outputs[index] = output;
                    }
                    else
                    {
                        if (display.ValueId is { } newId)
                            indexOfDisplay[newId] = outputs.Count;
                        outputs.Add(output);
                    }
                    break;
            }
        }
        return outputs;
    }

    private static async Task SaveOutputsAsync(string path, List<JsonArray> outputs)
    {
        var notebook = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        int next = 0;
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            if ((string?)cell!["cell_type"] != "code" || next >= outputs.Count)
                continue;
            cell["execution_count"] = next + 1;
            cell["outputs"] = outputs[next++];
        }
        string temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private static bool IsCSharp(InteractiveDocumentElement element) =>
        element.KernelName is null or "csharp" or "C#" && !string.IsNullOrWhiteSpace(element.Contents);

    private static string Indent(string code) => string.Join('\n', code.Split('\n').Select(line => "    | " + line));
}
