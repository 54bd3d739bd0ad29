using System.Text.Json;
using MlNetAdversarial.Plots;

// adversarial-plots REQUEST.json: renders the plots a report links to (PNG and SVG), one file name a line on stdout.
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: adversarial-plots REQUEST.json (a PlotRequest written by the adversarial tool)");
    return 2;
}
var request = JsonSerializer.Deserialize<PlotRequest>(File.ReadAllText(args[0]), new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
})
    ?? throw new InvalidDataException($"{args[0]} holds no plot request.");
Directory.CreateDirectory(request.OutputFolder);
foreach (string file in PlotRenderer.RenderAll(request))
    Console.WriteLine(file);
return 0;
